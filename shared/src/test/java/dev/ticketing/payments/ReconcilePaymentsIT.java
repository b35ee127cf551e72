package dev.ticketing.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.model.ReconcileReport;
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
 * Reconciliation ({@link ReconcilePayments#reconcile}) against DynamoDB Local with a stand-in provider whose webhooks
 * were all lost: a payment still PENDING {@code RECONCILE_AFTER} after it started is settled by asking the provider,
 * SUCCESS when the money was captured (or the buyer approved: captured then, once), FAILED when the order was voided
 * (the hold free for another payment) or when nobody approved before the hold and its grace ran out (the hold EXPIRED
 * with it, nothing charged); one not yet due, or awaiting the buyer in time, is left PENDING; a settled payment leaves
 * the reconcile index, and runs at the same moment settle each payment once.
 */
class ReconcilePaymentsIT {
    private static final Duration RECONCILE_AFTER = PaymentTiming.DEFAULTS.reconcileAfter();

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final ReconcilePayments reconciliation = office.bean(ReconcilePayments.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);
    private final HoldReader holds = office.bean(HoldReader.class);

    @Test
    void aPaymentCapturedAtTheProviderIsSoldOnceItIsDue() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.startPayment(hold);
        office.provider.captureAtProvider(payment.id());

        assertThat(run().found()).as("not due yet").isZero();
        office.clock().advance(RECONCILE_AFTER.plusSeconds(1));
        ReconcileReport report = run();

        assertThat(report.found()).isEqualTo(1);
        assertThat(report.succeeded()).isEqualTo(1);
        Payment sold = payments.get(payment.id());
        assertThat(sold.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(sold.captureId()).isEqualTo(office.provider.order(payment.providerOrderId()).orElseThrow().captureId());
        office.assertSold(hold, event, "1-1", "1-2");
        assertThat(office.provider.captureRequests()).as("nothing captured twice").isEmpty();
        assertThat(run().found()).as("out of the reconcile index").isZero();
    }

    @Test
    void anApprovalWhoseWebhookWasLostIsCapturedOnceAndSold() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.startPayment(hold);
        office.provider.approve(payment.id());
        office.clock().advance(RECONCILE_AFTER.plusSeconds(1));

        assertThat(run().succeeded()).isEqualTo(1);

        assertThat(office.provider.captureRequests()).containsExactly(payment.captureRequestId());
        office.assertSold(hold, event, "1-1", "1-2");
    }

    @Test
    void aPaymentNobodyApprovedStaysPendingWhileItsHoldLastsAndThenFailsWithIt() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.startPayment(hold);
        office.clock().advance(RECONCILE_AFTER.plusSeconds(1));

        ReconcileReport inTime = run();
        assertThat(inTime.stillPending()).isEqualTo(1);
        assertThat(payments.get(payment.id()).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(run().found()).as("postponed").isZero();

        // past the hold's ten minutes and its payment grace, and due again
        office.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(run().failed()).isEqualTo(1);

        office.assertFailed(payment, PaymentFailure.EXPIRED);
        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "AVAILABLE by null"));
        assertThat(office.provider.captureRequests()).as("nothing charged").isEmpty();
    }

    @Test
    void aVoidedOrderFailsThePaymentAndLeavesTheHoldFreeForAnother() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Payment payment = office.startPayment(hold);
        office.provider.voidOrder(payment.id());
        office.clock().advance(RECONCILE_AFTER.plusSeconds(1));

        assertThat(run().failed()).isEqualTo(1);

        office.assertFailed(payment, PaymentFailure.CANCELLED);
        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(stored.paymentId()).isNull();
        assertThat(office.startPayment(hold).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void runsAtTheSameMomentSettleEachPaymentOnce() {
        Event event = office.newEvent(3, 4);
        Payment captured = office.startPayment(office.hold("alice", event, "1-1", "1-2"));
        office.provider.captureAtProvider(captured.id());
        Hold approvedHold = office.hold("bob", event, "2-1", "2-2");
        Payment approved = office.startPayment(approvedHold);
        office.provider.approve(approved.id());
        Payment voided = office.startPayment(office.hold("carol", event, "3-1"));
        office.provider.voidOrder(voided.id());
        office.clock().advance(RECONCILE_AFTER.plusSeconds(1));

        List<AtOnce.Outcome<ReconcileReport>> runs = AtOnce.times(3, this::run);

        assertThat(runs).allSatisfy(each -> assertThat(each.value().errors()).isZero());
        assertThat(payments.get(captured.id()).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(payments.get(approved.id()).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(payments.get(voided.id()).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(office.provider.captureRequests()).isNotEmpty().containsOnly(approved.captureRequestId());
        assertThat(holds.load(approvedHold.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.PAID);
        assertThat(run().found()).isZero();
    }

    private ReconcileReport run() {
        return reconciliation.reconcile(100, () -> true);
    }
}
