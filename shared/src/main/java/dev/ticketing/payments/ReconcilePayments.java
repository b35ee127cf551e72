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
 * first), a completed one sold, a voided one failed. A payment the buyer never approved whose hold (with its grace)
 * is over ends FAILED together with its hold, in one transaction. So a purchase whose webhooks were all lost still
 * ends, and no payment stays PENDING for good. Safe to run twice at once: every step is conditional.
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
    private final PaymentTiming timing;
    private final Clock clock;

    public ReconcilePayments(Table table, PaymentReader payments, PaymentWrites writes, FinalizePayment finalizer,
                             PaymentGateways gateways, HoldReader holds, ReleaseHold releaser, PaymentTiming timing,
                             Clock clock) {
        this.table = table;
        this.paymentItems = new PaymentItems(table);
        this.payments = payments;
        this.writes = writes;
        this.finalizer = finalizer;
        this.gateways = gateways;
        this.holds = holds;
        this.releaser = releaser;
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
            writes.fail(payment, PaymentFailure.PROVIDER_ERROR,
                    PaymentRules.providerErrorReason(gateway.get().displayName()), now(), true);
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
            endUnapproved(now, hold, gateway.get());
            return payments.get(paymentId).status();
        }
        writes.postponeReconcile(now, now().plus(timing.reconcileAfter()));
        return PaymentStatus.PENDING;
    }

    /** Nobody approved before the hold ran out: the payment FAILED and its hold EXPIRED, in one transaction. */
    private void endUnapproved(Payment payment, Optional<StoredHold> hold, PaymentGateway gateway) {
        var failing = paymentItems.fail(payment.id(), PaymentFailure.EXPIRED,
                PaymentRules.expiredUnpaidReason(gateway.displayName()), now(), true, null, null);
        if (hold.isPresent() && hold.get().open() && payment.id().equals(hold.get().paymentId())) {
            releaser.end(payment.holdId(), HoldStatus.EXPIRED, Optional.of(failing));
        } else {
            table.writeAlone(failing);
        }
        LOG.info("payment {} never approved before its hold ran out: FAILED, hold EXPIRED", payment.id());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
