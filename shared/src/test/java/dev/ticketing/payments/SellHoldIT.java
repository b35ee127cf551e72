package dev.ticketing.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.ReleaseHold;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.testing.AtOnce;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sale ({@link SellHold#sell}) against DynamoDB Local: a captured payment turns the hold PAID, its tickets PAID and
 * its seats SOLD in one transaction, exactly once however often and however many at once ask, as the provider's
 * approval drives it too ({@link FinalizePayment}: captured once, sold once, however often the webhook comes); money
 * that comes a little late still buys seats nobody took, while a seat someone took since, or a released hold, makes it
 * too late and changes nothing (the refund that follows is {@code FinalizePaymentRefundIT}'s).
 */
class SellHoldIT {
    private static final Duration GRACE = PaymentTiming.DEFAULTS.paymentGrace();

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final SellHold sale = office.bean(SellHold.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);
    private final HoldReader holds = office.bean(HoldReader.class);

    @Test
    void theSalePaysTicketsSellsSeatsAndEndsTheHoldPaid() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("gina", event, "1-1", "1-2");
        Payment payment = office.startPayment(hold);

        assertThat(sale.sell(payments.get(payment.id()), "CAPTURE-1").outcome()).isEqualTo(SellHold.Outcome.SOLD);

        Payment sold = payments.get(payment.id());
        assertThat(sold.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(sold.captureId()).isEqualTo("CAPTURE-1");
        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.PAID);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.PAID);
        assertThat(office.seatStatuses(event, "1-1", "1-2")).containsOnly(SeatStatus.SOLD);
        assertThat(office.leaseExists(hold.id())).as("lease deleted").isFalse();
        assertThat(office.bean(ActiveHoldGuard.class).slotFor("gina", event.id(), office.clock().instant())).isPresent();
        assertThat(sale.sell(payments.get(payment.id()), "CAPTURE-1").outcome()).isEqualTo(SellHold.Outcome.ALREADY_SOLD);
    }

    @Test
    void salesOfOnePaymentAtTheSameMomentSellItOnce() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.startPayment(hold);

        List<AtOnce.Outcome<SellHold.Result>> outcomes = AtOnce.times(4, () -> sale.sell(payment, "CAPTURE-1"));

        assertThat(outcomes).extracting(outcome -> outcome.value().outcome()).containsOnlyOnce(SellHold.Outcome.SOLD)
                .containsOnly(SellHold.Outcome.SOLD, SellHold.Outcome.ALREADY_SOLD);
        assertSold(hold, event);
    }

    @Test
    void anApprovalIsCapturedOnceAndSoldOnceHoweverOftenItsWebhookComes() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.startPayment(hold);
        office.provider.approve(payment.id());
        FinalizePayment finalizer = office.bean(FinalizePayment.class);
        PaymentEvent approved = office.provider.event(PaymentEvent.Type.APPROVED, payment.id());

        List<AtOnce.Outcome<String>> deliveries = AtOnce.times(3, () -> {
            finalizer.handle(approved);
            return "done";
        });
        finalizer.handle(approved);

        assertThat(deliveries).allSatisfy(delivery -> assertThat(delivery.thrown()).isNull());
        assertThat(office.provider.captureRequests()).isNotEmpty().containsOnly(payment.captureRequestId());
        assertThat(payments.get(payment.id()).captureId()).isEqualTo(office.provider.order(payment.providerOrderId())
                .orElseThrow().captureId());
        assertSold(hold, event);
    }

    @Test
    void moneyThatComesLateStillBuysSeatsNobodyTook() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = startedAndLapsed(hold);

        assertThat(sale.sell(payments.get(payment.id()), "CAPTURE-1").outcome()).isEqualTo(SellHold.Outcome.SOLD);

        assertSold(hold, event);
    }

    @Test
    void aSaleAfterExpiryWhenASeatWasRetakenIsTooLateAndChangesNothing() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("hank", event, "1-1", "1-2");
        Payment payment = startedAndLapsed(hold);
        Hold other = office.hold("ines", event, "1-2");

        SellHold.Result result = sale.sell(payments.get(payment.id()), "CAPTURE-2");

        assertThat(result.outcome()).isEqualTo(SellHold.Outcome.TOO_LATE);
        assertThat(result.reason()).contains("seat 1-2 was taken by someone else");
        assertThat(payments.get(payment.id()).status()).isEqualTo(PaymentStatus.PENDING);
        Map<SeatId, SeatItems.StoredSeat> seats = office.bean(SeatBatches.class).read(event, List.of(new SeatId(1, 2)));
        assertThat(seats.get(new SeatId(1, 2)).heldBy(other.id())).isTrue();
    }

    @Test
    void aSaleOfAReleasedHoldIsTooLateAndSellsNothing() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Payment payment = office.startPayment(hold);
        office.bean(ReleaseHold.class).release(new Caller("alice", false), hold.id());

        SellHold.Result result = sale.sell(payments.get(payment.id()), "CAPTURE-1");

        assertThat(result.outcome()).isEqualTo(SellHold.Outcome.TOO_LATE);
        assertThat(result.reason()).contains("released");
        assertThat(payments.get(payment.id()).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(holds.load(hold.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.RELEASED);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "AVAILABLE by null");
    }

    /** A payment started for the hold, the hold's time and the payment grace up a second ago. */
    private Payment startedAndLapsed(Hold hold) {
        Payment payment = office.startPayment(hold);
        office.clock().advance(Duration.ofMinutes(10).plus(GRACE).plusSeconds(1));
        return payment;
    }

    /** The payment SUCCESS, the hold PAID with its tickets, its seats SOLD to it. */
    private void assertSold(Hold hold, Event event) {
        assertThat(payments.get(holds.load(hold.id()).orElseThrow().paymentId()).status()).isEqualTo(PaymentStatus.SUCCESS);
        office.assertSold(hold, event, "1-1", "1-2");
    }
}
