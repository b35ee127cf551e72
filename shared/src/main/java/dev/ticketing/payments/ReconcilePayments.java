package dev.ticketing.payments;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.holds.ReleaseHold;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.payments.items.PaymentItems;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.items.ReconcileIndex;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.model.ReconcileReport;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.store.DueWork;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation, on a schedule: payments still PENDING {@code RECONCILE_AFTER} after they started (or after their
 * last reconciliation) are found through the sparse {@link ReconcileIndex} (a query per shard, never a scan), and
 * the provider is asked about each ({@link FinalizePayment#settle}): an approved order is captured (seats secured
 * first), a completed one sold, a voided one failed. Once the hold (with its grace and capture window) is over, a
 * payment still PENDING ends FAILED together with its hold, in one transaction: EXPIRED when the buyer never
 * approved, UNCONFIRMED when its capture was asked for and the provider shows none to sell on (it does not know the
 * order, or the capture is still pending; money that comes in later is refunded). So a purchase whose webhooks were
 * all lost still ends, and no payment stays PENDING for good: it ends at the first pass after its hold is over, while
 * the provider answers. FAILED payments whose order was not released at the provider yet are in the same index and
 * are released here ({@link ReleaseCheckout}). Safe to run twice at once: every step is conditional.
 */
@Singleton
public class ReconcilePayments {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcilePayments.class);

    private final Table table;
    private final PaymentItems paymentItems;
    private final PaymentReader payments;
    private final PaymentWrites writes;
    private final FinalizePayment finalizer;
    private final PaymentGateways gateways;
    private final HoldReader holds;
    private final ReleaseHold releaser;
    private final ReleaseCheckout release;
    private final PaymentTiming timing;
    private final Clock clock;

    public ReconcilePayments(Table table, PaymentReader payments, PaymentWrites writes, FinalizePayment finalizer,
                             PaymentGateways gateways, HoldReader holds, ReleaseHold releaser, ReleaseCheckout release,
                             PaymentTiming timing, Clock clock) {
        this.table = table;
        this.paymentItems = new PaymentItems(table);
        this.payments = payments;
        this.writes = writes;
        this.finalizer = finalizer;
        this.gateways = gateways;
        this.holds = holds;
        this.releaser = releaser;
        this.release = release;
        this.timing = timing;
        this.clock = clock;
    }

    /** Settles at most {@code limit} due payments, oldest first per shard; stops early when {@code mayGoOn} says so. */
    public ReconcileReport reconcile(int limit, BooleanSupplier mayGoOn) {
        Instant now = clock.instant();
        int[] counts = new int[PaymentStatus.values().length + 1];
        int errorIndex = PaymentStatus.values().length;
        DueWork.Pass pass = DueWork.walk(ReconcileIndex.shards(), limit, mayGoOn,
                (shard, room) -> table.client().query(paymentItems.dueQuery(shard, now, room))
                        .items().stream().map(PaymentItems::paymentIdOf).toList(),
                paymentId -> {
                    try {
                        counts[reconcile(paymentId).ordinal()]++;
                    } catch (RuntimeException e) {
                        counts[errorIndex]++;
                        LOG.warn("could not reconcile payment {}; the next run tries again", paymentId, e);
                    }
                });
        int found = pass.found();
        boolean more = pass.more();
        int succeeded = counts[PaymentStatus.SUCCESS.ordinal()];
        int failed = counts[PaymentStatus.FAILED.ordinal()] + counts[PaymentStatus.REFUNDED.ordinal()];
        int pending = counts[PaymentStatus.PENDING.ordinal()];
        int errors = counts[errorIndex];
        ReconcileReport report = new ReconcileReport(found, succeeded, failed, pending, errors, more);
        if (found > 0) {
            LOG.info("reconciliation: {}", report);
        }
        return report;
    }

    /** Asks the provider about one payment and drives it to its end, or postpones it; answers where it is now. */
    PaymentStatus reconcile(String paymentId) {
        Optional<Payment> found = payments.find(paymentId);
        if (found.isEmpty()) {
            return PaymentStatus.FAILED;
        }
        Payment payment = found.get();
        if (payment.status() == PaymentStatus.FAILED) {
            releaseFailed(payment);
            return PaymentStatus.FAILED;
        }
        if (!payment.pending()) {
            writes.unindexReconcile(paymentId);
            return payment.status();
        }
        Optional<PaymentGateway> gateway = gateways.find(payment.provider());
        if (gateway.isEmpty()) {
            writes.postponeReconcile(payment, now().plus(timing.reconcileAfter()));
            return PaymentStatus.PENDING;
        }
        if (payment.providerOrderId() == null) {
            // the checkout stopped between our transaction and the provider: nothing was charged
            if (writes.fail(payment, PaymentFailure.PROVIDER_ERROR,
                    PaymentRules.providerErrorReason(gateway.get().displayName()), now(), true)) {
                release.release(paymentId);
            }
            return payments.get(paymentId).status();
        }
        finalizer.settle(payment, gateway.get(), "refund");
        Payment now = payments.get(paymentId);
        if (!now.pending()) {
            return now.status();
        }
        Optional<StoredHold> hold = holds.load(now.holdId());
        boolean holdOver = hold.isEmpty() || hold.get().hold().status() != HoldStatus.ACTIVE;
        if (holdOver && !now.captureRequested()) {
            endWithHold(now, hold, PaymentFailure.EXPIRED, PaymentRules.expiredUnpaidReason(gateway.get().displayName()),
                    true);
            LOG.info("payment {} never approved before its hold ran out: FAILED, hold EXPIRED", paymentId);
            return payments.get(paymentId).status();
        }
        if (holdOver) {
            // the capture was asked for, and the provider still shows no capture we can sell on, although the hold
            // (with its grace and capture window) is over: the payment ends now; money that still comes in is refunded
            String reason = PaymentRules.unconfirmedReason(gateway.get().displayName(), now.providerOrderId(),
                    gateway.get().order(now.providerOrderId()));
            endWithHold(now, hold, PaymentFailure.UNCONFIRMED, reason, false);
            LOG.warn("payment {} ended UNCONFIRMED: {}", paymentId, reason);
            return payments.get(paymentId).status();
        }
        writes.postponeReconcile(now, now().plus(timing.reconcileAfter()));
        return PaymentStatus.PENDING;
    }

    /**
     * A FAILED payment still in the index: its order was not released at the provider yet. Money captured after
     * all is refunded first ({@link FinalizePayment#settle}), then the order is released.
     */
    private void releaseFailed(Payment payment) {
        Optional<PaymentGateway> gateway = gateways.find(payment.provider());
        if (gateway.isPresent() && payment.providerOrderId() != null && payment.refundId() == null) {
            finalizer.settle(payment, gateway.get(), "refund");
        }
        release.release(payment.id());
    }

    /**
     * The payment FAILED and its hold EXPIRED (if still open for it), in one transaction; then its order is released
     * at the provider. {@code beforeCaptureOnly}: only if the capture was never asked for.
     */
    private void endWithHold(Payment payment, Optional<StoredHold> hold, PaymentFailure failure, String reason,
                             boolean beforeCaptureOnly) {
        var failing = writes.failing(payment, failure, reason, now(), beforeCaptureOnly);
        if (hold.isPresent() && hold.get().open() && payment.id().equals(hold.get().paymentId())) {
            releaser.end(payment.holdId(), HoldStatus.EXPIRED, Optional.of(failing));
        } else {
            table.writeAlone(failing);
        }
        release.release(payment.id());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
