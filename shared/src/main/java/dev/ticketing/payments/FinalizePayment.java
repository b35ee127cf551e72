package dev.ticketing.payments;

import dev.ticketing.holds.ReleaseHold;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.items.UnmatchedEventItems;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.provider.CaptureOutcome;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.ProviderOrder;
import dev.ticketing.payments.provider.RefundOutcome;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a payment when its provider has news, exactly once in effect however often, late or out of order
 * the news comes. A webhook (or a reconciliation) is only the trigger: every decision rests on what the provider's
 * API says about the order now ({@link PaymentGateway#order}) — a sale only on a COMPLETED capture of exactly the
 * payment's amount and currency for an order naming this payment. An approval first secures the seats
 * ({@link RenewHold#secureForCapture}) and captures only then; when they are gone nothing is charged. A refund or
 * reversal at the provider makes a sold payment REFUNDED. Every step is a conditional write or a provider call
 * made idempotent by a request id derived from the payment id.
 *
 * <p>A method returning normally means the message is done (delete it); an exception means "try again later"
 * (SQS redelivers it, and after the queue's maxReceiveCount it goes to the dead-letter queue).
 */
@Singleton
public class FinalizePayment {
    private static final Logger LOG = LoggerFactory.getLogger(FinalizePayment.class);

    private final PaymentReader payments;
    private final PaymentWrites writes;
    private final SellHold sale;
    private final HoldReader holds;
    private final ReleaseHold holdEnd;
    private final RenewHold renewal;
    private final ReleaseCheckout releaser;
    private final PaymentGateways gateways;
    private final Table table;
    private final UnmatchedEventItems unmatched;
    private final Clock clock;

    public FinalizePayment(PaymentReader payments, PaymentWrites writes, SellHold sale, HoldReader holds,
                           ReleaseHold holdEnd, RenewHold renewal, ReleaseCheckout releaser, PaymentGateways gateways,
                           Table table, Clock clock) {
        this.payments = payments;
        this.writes = writes;
        this.sale = sale;
        this.holds = holds;
        this.holdEnd = holdEnd;
        this.renewal = renewal;
        this.releaser = releaser;
        this.gateways = gateways;
        this.table = table;
        this.unmatched = new UnmatchedEventItems(table);
        this.clock = clock;
    }

    public void handle(PaymentEvent event) {
        if (event.type() == PaymentEvent.Type.IGNORED) {
            LOG.info("{} event {} ({}) needs nothing", event.provider(), event.eventId(), event.providerType());
            return;
        }
        PaymentGateway gateway = gateways.require(event.provider());
        Optional<Payment> found = paymentOf(event, gateway);
        if (found.isEmpty()) {
            String reason = event.provider() + " event " + event.eventId() + " (" + event.providerType() + ") names order "
                    + event.orderId() + ", which " + event.provider() + " does not report as one of our payments";
            LOG.warn("{}: recorded and acknowledged, not retried", reason);
            table.writeAlone(unmatched.record(event, reason, now()));
            return;
        }
        Payment payment = found.get();
        LOG.info("{} event {} ({}) for payment {} ({})", event.provider(), event.eventId(), event.providerType(),
                payment.id(), payment.status());
        if (event.type() == PaymentEvent.Type.CANCELLED) {
            if (PaymentRules.buyerMayCancel(payment)) {
                fail(payment, PaymentFailure.CANCELLED, PaymentRules.cancelledReason(gateway.displayName(), true),
                        now(), true);
            }
            return;
        }
        settle(payment, gateway, event.type() == PaymentEvent.Type.REVERSED ? "reversal" : "refund");
    }

    /**
     * Drives the payment as far as the provider's facts allow now: capture an approved order (seats secured first),
     * sell a completed capture, fail a voided or vanished order, refund money that came in for a failed payment,
     * reflect a refund or reversal of a sale. {@code refundKind} names a money-back found now ("refund",
     * "reversal"). Used by webhooks and reconciliation alike.
     */
    public void settle(Payment payment, PaymentGateway gateway, String refundKind) {
        String orderId = payment.providerOrderId();
        if (orderId == null) {
            return;
        }
        Optional<ProviderOrder> found = gateway.order(orderId);
        if (found.isEmpty()) {
            if (PaymentRules.buyerMayCancel(payment)) {
                fail(payment, PaymentFailure.CANCELLED, gateway.displayName() + " no longer knows the order; "
                        + "nothing was charged", now(), true);
            } else if (payment.pending()) {
                anomaly(payment, gateway.displayName() + " does not know order " + orderId
                        + " although its capture was requested");
            }
            return;
        }
        ProviderOrder order = found.get();
        Optional<String> mismatch = PaymentRules.orderMismatch(payment, order);
        if (mismatch.isPresent()) {
            anomaly(payment, mismatch.get());
            return;
        }
        switch (payment.status()) {
            case PENDING -> settlePending(payment, order, gateway);
            case SUCCESS -> settleSold(payment, order, refundKind);
            case FAILED -> {
                if (order.captured() && order.captureId() != null) {
                    refundFailed(payment, order.captureId(), gateway);
                }
            }
            case REFUNDED -> {
            }
        }
    }

    private void settlePending(Payment payment, ProviderOrder order, PaymentGateway gateway) {
        switch (order.state()) {
            case AWAITING_BUYER -> {
            }
            case CANCELLED -> fail(payment, PaymentFailure.CANCELLED, payment.captureRequested()
                    ? PaymentRules.voidedBeforeCaptureReason(gateway.displayName(), order.orderId())
                    : PaymentRules.cancelledReason(gateway.displayName(), true), now(), false);
            case APPROVED -> captureSecured(payment, order, gateway);
            case COMPLETED -> complete(payment, order, gateway);
        }
    }

    /** The buyer approved: secure the seats, and only then take the money. */
    private void captureSecured(Payment payment, ProviderOrder order, PaymentGateway gateway) {
        RenewHold.Secured secured = renewal.secureForCapture(payment.holdId(), payment.id());
        if (!secured.secured()) {
            String reason = PaymentRules.notCapturedReason(secured);
            LOG.info("payment {} approved but not captured: {}", payment.id(), reason);
            fail(payment, PaymentRules.notCapturedFailure(secured), reason, now(), false);
            return;
        }
        if (!payment.captureRequested() && !writes.markCaptureRequested(payment, now())) {
            LOG.info("payment {} ended before its capture; nothing captured", payment.id());
            return;
        }
        CaptureOutcome outcome;
        try {
            outcome = gateway.capture(order.orderId(), payment.captureRequestId());
        } catch (PaymentProviderException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("{} refused to capture order {} of payment {}: {}", payment.provider(), order.orderId(),
                    payment.id(), e.getMessage());
            fail(payment, PaymentFailure.DECLINED, PaymentRules.declinedReason(gateway.displayName()), now(), false);
            return;
        }
        switch (outcome.status()) {
            // the capture's answer is not the fact a sale rests on: the order, read again, is
            case COMPLETED -> gateway.order(order.orderId()).ifPresentOrElse(
                    captured -> complete(payments.get(payment.id()), captured, gateway),
                    () -> anomaly(payment, "order " + order.orderId() + " vanished after its capture"));
            case PENDING -> LOG.info("capture {} of payment {} is pending at {}; its completion will finish it",
                    outcome.captureId(), payment.id(), payment.provider());
            case DECLINED -> fail(payment, PaymentFailure.DECLINED,
                    PaymentRules.declinedReason(gateway.displayName()), now(), false);
        }
    }

    /** The provider reports the order COMPLETED: sell on a verified capture, or refund if that is no longer possible. */
    private void complete(Payment payment, ProviderOrder order, PaymentGateway gateway) {
        switch (order.captureStatus()) {
            case NONE, PENDING -> LOG.info("payment {}: order {} has no completed capture yet", payment.id(), order.orderId());
            case DECLINED -> fail(payment, PaymentFailure.DECLINED,
                    PaymentRules.declinedReason(gateway.displayName()), now(), false);
            case PARTIALLY_REFUNDED, REFUNDED -> anomaly(payment, "capture " + order.captureId()
                    + " was refunded at " + gateway.displayName() + " before the sale");
            case COMPLETED -> {
                Optional<String> mismatch = PaymentRules.captureMismatch(payment, order);
                if (mismatch.isPresent()) {
                    anomaly(payment, mismatch.get());
                    return;
                }
                sell(payment, order.captureId(), gateway);
            }
        }
    }

    private void sell(Payment payment, String captureId, PaymentGateway gateway) {
        SellHold.Result result = sale.sell(payment, captureId);
        switch (result.outcome()) {
            case SOLD, ALREADY_SOLD -> {
            }
            case PAYMENT_FAILED -> refundFailed(payments.get(payment.id()), captureId, gateway);
            case TOO_LATE -> {
                RefundOutcome refund = gateway.refund(captureId, payment.amount(), payment.currency(), payment.refundRequestId());
                LOG.warn("payment {} captured too late ({}): refunded as {}", payment.id(), result.reason(), refund.refundId());
                if (!writes.failRefunded(payment, result.reason(), captureId, refund.refundId(), now())) {
                    writes.recordRefund(payments.get(payment.id()), captureId, refund.refundId(), now());
                }
                endHoldOf(payments.get(payment.id()));
            }
        }
    }

    /** A sold payment: reflect a full refund or reversal (REFUNDED), record and flag a partial one. */
    private void settleSold(Payment payment, ProviderOrder order, String refundKind) {
        BigDecimal refunded = order.refundedAmount() == null ? BigDecimal.ZERO : order.refundedAmount();
        if (order.captureStatus() == ProviderOrder.CaptureStatus.REFUNDED) {
            StoredHold stored = holds.load(payment.holdId()).orElseThrow();
            if (writes.refunded(payment, stored.hold(), refunded, refundKind, now())) {
                LOG.warn("payment {} {}ed at {}: REFUNDED, tickets cancelled", payment.id(), refundKind, payment.provider());
            }
        } else if (order.captureStatus() == ProviderOrder.CaptureStatus.PARTIALLY_REFUNDED
                && (payment.refundedAmount() == null || payment.refundedAmount().compareTo(refunded) != 0)) {
            String flag = "partial " + refundKind + " of " + refunded.toPlainString() + " " + payment.currency()
                    + " at " + payment.provider() + "; the tickets stay valid";
            LOG.warn("payment {}: {}", payment.id(), flag);
            writes.recordPartialRefund(payment, refunded, flag, now());
        }
    }

    /** Money came in for a payment that has failed: give it back (once, however often asked). */
    private void refundFailed(Payment payment, String captureId, PaymentGateway gateway) {
        if (payment.refundId() != null) {
            return;
        }
        RefundOutcome refund = gateway.refund(captureId, payment.amount(), payment.currency(), payment.refundRequestId());
        writes.recordRefund(payment, captureId, refund.refundId(), now());
        endHoldOf(payment);
    }

    /**
     * Ends the PENDING payment FAILED (see {@link PaymentWrites#fail}) and, when that write was ours, releases its
     * order at the provider so that nothing stays authorized.
     */
    private void fail(Payment payment, PaymentFailure failure, String reason, Instant now, boolean beforeCaptureOnly) {
        if (writes.fail(payment, failure, reason, now, beforeCaptureOnly)) {
            releaser.release(payment.id());
        }
    }

    /** A too-late payment's hold ends EXPIRED (tickets CANCELLED, seats it still holds freed), if it is still open for it. */
    private void endHoldOf(Payment payment) {
        Optional<StoredHold> payable = holds.load(payment.holdId());
        if (payable.isPresent() && payable.get().storedStatus() == HoldStatus.ACTIVE
                && payment.id().equals(payable.get().paymentId())) {
            holdEnd.end(payment.holdId(), HoldStatus.EXPIRED);
        }
    }

    /** The provider's facts do not fit the payment: no money moves on them; an operator is told. */
    private void anomaly(Payment payment, String reason) {
        LOG.error("PAYMENT ANOMALY payment {}: {}; nothing sold, nothing refunded", payment.id(), reason);
        writes.flagAnomaly(payment, reason, now());
    }

    /**
     * The payment an event is about: by the order's link item, or by the payment id we gave the provider with the
     * order (the event may overtake the checkout's own write of the order id), or, when the event names neither, by
     * asking the provider whose the order is. Empty: not one of ours.
     */
    private Optional<Payment> paymentOf(PaymentEvent event, PaymentGateway gateway) {
        Optional<Payment> found = payments.findByOrder(event.provider(), event.orderId());
        if (found.isEmpty() && event.paymentId() != null) {
            found = ours(event.paymentId(), event.provider(), event.orderId());
        }
        if (found.isEmpty() && event.orderId() != null) {
            found = gateway.order(event.orderId())
                    .flatMap(order -> Optional.ofNullable(order.paymentReference()))
                    .flatMap(reference -> ours(reference, event.provider(), event.orderId()));
        }
        return found;
    }

    private Optional<Payment> ours(String paymentId, dev.ticketing.payments.provider.PaymentProvider provider, String orderId) {
        return payments.find(paymentId)
                .filter(p -> p.provider() == provider)
                .filter(p -> orderId == null || p.providerOrderId() == null || p.providerOrderId().equals(orderId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
