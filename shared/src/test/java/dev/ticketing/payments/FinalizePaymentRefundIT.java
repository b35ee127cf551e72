package dev.ticketing.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.RefundOutcome;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Refunds, as {@link FinalizePayment} makes or reflects them when the provider has news, against DynamoDB Local with a
 * stand-in provider: money captured after the hold could no longer be sold (a seat taken since) is refunded once and
 * the hold ends EXPIRED; money that came in for a payment the buyer had cancelled is refunded once and the hold stays
 * theirs; a refund of a sale made at the provider makes the payment REFUNDED and its tickets CANCELLED, and gives the
 * seats back while the event has not started; a partial refund is recorded and flagged, the tickets stay valid. Each
 * webhook may come again and changes nothing twice.
 */
class FinalizePaymentRefundIT {
    private static final Duration HOLD_AND_GRACE = Duration.ofMinutes(10).plus(PaymentTiming.DEFAULTS.paymentGrace());

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final FinalizePayment finalizer = office.bean(FinalizePayment.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);
    private final HoldReader holds = office.bean(HoldReader.class);

    @Test
    void aCaptureThatCompletesAfterASeatWasTakenIsRefundedOnceAndTheHoldEndsExpired() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.startPayment(hold);
        office.provider.captureLater();
        office.provider.approve(payment.id());
        deliver(PaymentEvent.Type.APPROVED, payment);
        assertThat(payments.get(payment.id()).status()).as("the capture is pending").isEqualTo(PaymentStatus.PENDING);
        office.clock().advance(HOLD_AND_GRACE.plusSeconds(1));
        Hold bobs = office.hold("bob", event, "1-2");
        office.provider.completeCapture(payment.id());

        deliver(PaymentEvent.Type.CAPTURE_COMPLETED, payment);
        deliver(PaymentEvent.Type.CAPTURE_COMPLETED, payment);

        Payment refunded = office.assertFailed(payment, PaymentFailure.TOO_LATE);
        assertThat(refunded.failureReason()).contains("seat 1-2 was taken by someone else");
        assertRefundedOnce(refunded);
        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "RESERVED by " + bobs.id()));
    }

    @Test
    void moneyThatCameInForACancelledPaymentIsRefundedOnceAndTheHoldStaysTheBuyers() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Payment payment = office.startPayment(hold);
        office.bean(StartPayment.class).cancel(new Caller("alice", false), payment.id());
        office.provider.captureAtProvider(payment.id());

        deliver(PaymentEvent.Type.CAPTURE_COMPLETED, payment);
        deliver(PaymentEvent.Type.CAPTURE_COMPLETED, payment);

        Payment refunded = office.assertFailed(payment, PaymentFailure.CANCELLED);
        assertRefundedOnce(refunded);
        assertThat(holds.find(hold.id()).orElseThrow().status()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "RESERVED by " + hold.id());
    }

    @Test
    void aRefundOfASaleAtTheProviderCancelsTheTicketsAndGivesTheSeatsBack() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");

        Payment refunded = refundedAtProvider(office.sell(hold), "40.00", PaymentEvent.Type.REFUNDED);

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refundedAmount()).isEqualByComparingTo("40.00");
        assertThat(tickets(hold)).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "AVAILABLE by null"));
        assertThat(office.hold("bob", event, "1-1", "1-2").status()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(office.provider.refunds()).as("we gave nothing back ourselves").isEmpty();
    }

    @Test
    void aSaleReversedAfterTheEventStartedCancelsTheTicketsAndTheSeatsStaySold() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Payment payment = office.sell(hold);
        office.clock().advance(Duration.between(office.clock().instant(), event.date()).plusHours(1));

        Payment reversed = refundedAtProvider(payment, "20.00", PaymentEvent.Type.REVERSED);

        assertThat(reversed.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(tickets(hold)).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "SOLD by " + hold.id());
    }

    @Test
    void aPartialRefundIsRecordedAndFlaggedAndTheTicketsStayValid() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");

        Payment partly = refundedAtProvider(office.sell(hold), "15.00", PaymentEvent.Type.REFUNDED);

        assertThat(partly.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(partly.refundedAmount()).isEqualByComparingTo("15.00");
        assertThat(partly.anomaly()).contains("partial refund of 15.00 EUR");
        office.assertSold(hold, event, "1-1", "1-2");
    }

    /**
     * {@code amount} of a sold payment's money given back at the provider and the provider's {@code news} of it
     * delivered twice; the payment as it is then.
     */
    private Payment refundedAtProvider(Payment payment, String amount, PaymentEvent.Type news) {
        office.provider.refundAtProvider(payment.id(), new BigDecimal(amount));
        deliver(news, payment);
        deliver(news, payment);
        return payments.get(payment.id());
    }

    /** The provider's webhook of this type about the payment's order, as the payments queue hands it on. */
    private void deliver(PaymentEvent.Type type, Payment payment) {
        finalizer.handle(office.provider.event(type, payment.id()));
    }

    /** One refund at the provider, of the payment's capture, and the payment names it. */
    private void assertRefundedOnce(Payment payment) {
        Map<String, RefundOutcome> refunds = office.provider.refunds();
        assertThat(refunds).containsOnlyKeys(payment.refundRequestId());
        assertThat(payment.refundId()).isEqualTo(refunds.get(payment.refundRequestId()).refundId());
        assertThat(payment.captureId()).isNotNull();
    }

    private List<TicketStatus> tickets(Hold hold) {
        return holds.load(hold.id()).orElseThrow().hold().tickets().stream().map(Ticket::status).toList();
    }
}
