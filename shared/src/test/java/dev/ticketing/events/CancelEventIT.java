package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.Cancellation;
import dev.ticketing.events.model.CancellationRequest;
import dev.ticketing.events.model.CompRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.events.model.SeatsRequest;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.FinalizePayment;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.testing.DataLayer;
import dev.ticketing.testing.ProviderStandIn;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event's cancellation at the data layer ({@link CancelEvent}, {@link RefundCancelledEvent}) against DynamoDB Local
 * with a stand-in provider, its queue a list the test empties: open holds end, a payment in flight ends FAILED with
 * nothing captured, every sale is refunded once (also one whose seats lie on two pages), the counts say so and stay
 * so when every step comes again; a second cancel answers the same; holds and payments are refused; a sale whose money
 * comes after the cancel is refused and refunded. And sales end is final: an approval after {@code salesEnd} takes
 * nothing.
 */
class CancelEventIT {
    private static final Caller ADMIN = new Caller("boss", true);
    private final ProviderStandIn provider = new ProviderStandIn();
    private final Deque<CancellationStep> queue = new ArrayDeque<>();
    private final List<CancellationStep> sent = new ArrayList<>();

    @RegisterExtension
    final BoxOffice office = new BoxOffice(new DataLayer(UnaryOperator.identity(), provider.gateways(),
            (CancellationWork) steps -> {
                queue.addAll(steps);
                sent.addAll(steps);
            }));
    private final CancelEvent cancels = office.bean(CancelEvent.class);
    private final RefundCancelledEvent work = office.bean(RefundCancelledEvent.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);
    private final HoldReader holds = office.bean(HoldReader.class);

    @Test
    void aCancelEndsTheHoldsFailsThePaymentInFlightAndRefundsEverySaleOnce() {
        // 12 rows of 10: pages of 5 rows, so dave's two seats lie on two pages
        Event event = office.newEvent(12, 10);
        Hold alices = office.hold("alice", event, "1-1", "1-2");
        Hold bobs = office.hold("bob", event, "2-1");
        Payment inFlight = office.startPayment(bobs);
        Hold carols = office.hold("carol", event, "8-1", "8-2");
        Payment carolPaid = sold(carols);
        Hold daves = office.hold("dave", event, "5-10", "6-10");
        Payment davePaid = sold(daves);

        CancelEvent.Cancelled cancelled = cancels.cancel(ADMIN, event.id(), new CancellationRequest("The band is ill"));
        assertThat(cancelled.now()).isTrue();
        assertThat(cancelled.details().event().status()).isEqualTo(EventStatus.CANCELLED);
        runQueue();

        assertThat(holds.load(alices.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.RELEASED);
        assertThat(holds.load(bobs.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.RELEASED);
        Payment bobsPayment = office.assertFailed(inFlight, PaymentFailure.SALES_CLOSED);
        assertThat(bobsPayment.captureId()).isNull();
        assertThat(provider.captureRequests()).containsExactlyInAnyOrder(carolPaid.captureRequestId(),
                davePaid.captureRequestId());
        for (Payment paid : List.of(carolPaid, davePaid)) {
            Payment refunded = payments.get(paid.id());
            assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
            assertThat(refunded.refundId()).isEqualTo(provider.refunds().get(paid.refundRequestId()).refundId());
        }
        assertThat(provider.refunds()).hasSize(2);
        assertThat(tickets(carols)).containsOnly(TicketStatus.CANCELLED);
        assertThat(tickets(daves)).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStatuses(event, "8-1", "5-10", "6-10", "1-1", "2-1"))
                .containsExactly(SeatStatus.SOLD, SeatStatus.SOLD, SeatStatus.SOLD, SeatStatus.AVAILABLE, SeatStatus.AVAILABLE);
        assertThat(cancels.details(event.id()).cancellation())
                .isEqualTo(new Cancellation("The band is ill", cancelled.details().cancellation().cancelledAt(), 4, 4, 0, 0,
                        true, List.of()));

        // every step delivered again (a redelivery after a crash): nothing moves twice
        queue.addAll(sent);
        runQueue();
        assertThat(provider.refunds()).hasSize(2);
        assertThat(cancels.details(event.id()).cancellation().refunded()).isEqualTo(4);
    }

    @Test
    void aCompIsCancelledWithNothingRefundedAndTheCancellationFinishes() {
        // a comp took no money: before, the page asked the provider to refund a payment that does not exist and the
        // step failed again and again, the cancellation never finishing (seen on the organiser's page)
        Event event = office.newEvent(2, 4);
        office.bean(BlockSeats.class).block(ADMIN, event.id(), new SeatsRequest(List.of("1-1", "1-2")));
        Hold comp = office.bean(CompSeats.class).comp(ADMIN, event.id(), new CompRequest(List.of("1-1", "1-2"), "guest"));
        Hold alices = office.hold("alice", event, "2-1");
        Payment paid = sold(alices);

        CancelEvent.Cancelled cancelled = cancels.cancel(ADMIN, event.id(), new CancellationRequest("Power cut"));
        runQueue();

        assertThat(cancels.details(event.id()).cancellation())
                .isEqualTo(new Cancellation("Power cut", cancelled.details().cancellation().cancelledAt(), 1, 1, 0, 0,
                        true, List.of()));
        assertThat(provider.refunds()).containsOnlyKeys(paid.refundRequestId());
        assertThat(tickets(comp)).containsOnly(TicketStatus.CANCELLED);
        assertThat(tickets(alices)).containsOnly(TicketStatus.CANCELLED);
    }

    @Test
    void aSecondCancelAnswersTheSameAndHoldsAndPaymentsAreRefused() {
        Event event = office.newEvent(2, 4);
        Hold held = office.hold("alice", event, "1-1");
        CancelEvent.Cancelled first = cancels.cancel(ADMIN, event.id(), new CancellationRequest("Venue flooded"));
        runQueue();

        CancelEvent.Cancelled second = cancels.cancel(ADMIN, event.id(), new CancellationRequest("Another reason"));

        assertThat(second.now()).isFalse();
        assertThat(second.details().cancellation().reason()).isEqualTo("Venue flooded");
        assertThat(second.details().cancellation().cancelledAt()).isEqualTo(first.details().cancellation().cancelledAt());
        assertThat(second.details().cancellation().finished()).isTrue();
        assertThatThrownBy(() -> office.hold("bob", event, "2-2"))
                .isInstanceOfSatisfying(TicketingException.class, e -> assertThat(e.type()).isEqualTo("event-cancelled"));
        assertThatThrownBy(() -> office.startPayment(held))
                .isInstanceOf(TicketingException.class);
    }

    @Test
    void onlyAnAdminCancelsAndAReasonIsRequiredAndARefusalChangesNothing() {
        Event event = office.newEvent(1, 4);

        assertThatThrownBy(() -> cancels.cancel(new Caller("alice", false), event.id(), new CancellationRequest("x")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> cancels.cancel(ADMIN, event.id(), new CancellationRequest("  ")))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(cancels.details(event.id()).event().status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(sent).isEmpty();
    }

    @Test
    void moneyThatComesInAfterTheCancelIsRefusedAtTheSaleAndGivenBack() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Payment payment = office.startPayment(hold);
        provider.captureAtProvider(payment.id());

        cancels.cancel(ADMIN, event.id(), new CancellationRequest("Cancelled"));
        deliver(PaymentEvent.Type.CAPTURE_COMPLETED, payment);
        runQueue();

        Payment refunded = office.assertFailed(payment, PaymentFailure.TOO_LATE);
        assertThat(refunded.failureReason()).contains("cancelled");
        assertThat(provider.refunds()).containsOnlyKeys(payment.refundRequestId());
        assertThat(holds.load(hold.id()).orElseThrow().storedStatus()).isNotEqualTo(HoldStatus.PAID);
    }

    @Test
    void anApprovalAfterTheCancelTakesNothing() {
        Event event = office.newEvent(1, 4);
        Payment payment = office.startPayment(office.hold("alice", event, "1-1"));
        provider.approve(payment.id());

        cancels.cancel(ADMIN, event.id(), new CancellationRequest("Cancelled"));
        deliver(PaymentEvent.Type.APPROVED, payment);

        assertThat(office.assertFailed(payment, PaymentFailure.SALES_CLOSED).failureReason()).contains("cancelled");
        assertThat(provider.captureRequests()).isEmpty();
    }

    /**
     * A buyer who approved (a card authorization, say) whose approval had not been acted on when the cancellation came:
     * the cancellation ends the payment and releases its order at once, not only when reconciliation comes round.
     */
    @Test
    void anApprovedPaymentNotYetCapturedIsReleasedByTheCancellationAndNeverCaptured() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Payment payment = office.startPayment(hold);
        provider.approve(payment.id());

        cancels.cancel(ADMIN, event.id(), new CancellationRequest("Cancelled"));
        runQueue();
        deliver(PaymentEvent.Type.APPROVED, payment); // the approval's webhook, late

        assertThat(office.assertFailed(payment, PaymentFailure.SALES_CLOSED).failureReason()).contains("cancelled");
        assertThat(provider.releaseRequests()).containsExactly(payment.releaseRequestId());
        assertThat(provider.captureRequests()).isEmpty();
        assertThat(holds.load(hold.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.RELEASED);
    }

    /** The probe of issue 21: a payment started before the show and approved 6 s after its start sold a ticket. */
    @Test
    void salesEndIsFinalAnApprovalAfterTheStartTakesNothing() {
        Event event = startingIn(Duration.ofMinutes(5));
        Payment payment = office.startPayment(office.hold("alice", event, "1-1"));
        office.clock().advance(Duration.ofMinutes(5).plusSeconds(6));
        provider.approve(payment.id());

        deliver(PaymentEvent.Type.APPROVED, payment);

        Payment failed = office.assertFailed(payment, PaymentFailure.SALES_CLOSED);
        assertThat(failed.failureReason()).contains("Sales for this event ended at " + event.salesEnd());
        assertThat(provider.captureRequests()).isEmpty();
    }

    @Test
    void salesEndIsFinalMoneyCapturedAfterTheStartIsGivenBack() {
        Event event = startingIn(Duration.ofMinutes(5));
        Payment payment = office.startPayment(office.hold("alice", event, "1-1"));
        provider.captureAtProvider(payment.id());
        office.clock().advance(Duration.ofMinutes(5).plusSeconds(6));

        deliver(PaymentEvent.Type.CAPTURE_COMPLETED, payment);

        office.assertFailed(payment, PaymentFailure.TOO_LATE);
        assertThat(provider.refunds()).containsOnlyKeys(payment.refundRequestId());
    }

    private Event startingIn(Duration inAWhile) {
        Event event = new Event(UUID.randomUUID().toString(), "Starts soon", office.now().plus(inAWhile), 1, 4, "EUR",
                List.of(new PriceTier(1, 1, new BigDecimal("20.00"))), Event.rowsPerBlockFor(4));
        return office.store.newEvent(event);
    }

    /** Every queued step done, in order, as the queue's consumer does them (steps may queue more). */
    private void runQueue() {
        while (!queue.isEmpty()) {
            work.handle(queue.poll());
        }
    }

    /** The hold paid for: a payment started, approved at the provider, and its approval delivered (capture, sale). */
    private Payment sold(Hold hold) {
        Payment payment = office.startPayment(hold);
        provider.approve(payment.id());
        deliver(PaymentEvent.Type.APPROVED, payment);
        assertThat(payments.get(payment.id()).status()).isEqualTo(PaymentStatus.SUCCESS);
        return payments.get(payment.id());
    }

    private void deliver(PaymentEvent.Type type, Payment payment) {
        office.bean(FinalizePayment.class).handle(provider.event(type, payment.id()));
    }

    private List<TicketStatus> tickets(Hold hold) {
        return holds.load(hold.id()).orElseThrow().hold().tickets().stream().map(Ticket::status).toList();
    }
}
