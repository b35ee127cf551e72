package dev.ticketing.payments;

import dev.ticketing.holds.HoldReleaser;
import dev.ticketing.holds.HoldStatus;
import dev.ticketing.holds.StoredHold;
import dev.ticketing.holds.HoldStore;
import dev.ticketing.payments.gateway.CaptureOutcome;
import dev.ticketing.payments.gateway.PaymentEvent;
import dev.ticketing.payments.gateway.PaymentGateway;
import dev.ticketing.payments.gateway.PaymentGateways;
import dev.ticketing.payments.gateway.PaymentProviderException;
import dev.ticketing.payments.gateway.RefundOutcome;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the payment processor does with one provider event, exactly once in effect however often, late or out of
 * order it comes: every step is either a conditional write or a provider call made idempotent by a request id
 * derived from the payment id. An approval captures; a completed capture sells the hold in one transaction, or,
 * when the seats are no longer this hold's, refunds and ends the payment FAILED with the reason.
 *
 * <p>A method returning normally means the message is done (delete it); an exception means "try again later"
 * (SQS redelivers it, and after the queue's maxReceiveCount it goes to the dead-letter queue).
 */
@Singleton
public class PaymentFinalizer {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentFinalizer.class);

    /** The event names no payment of ours: redelivered until the dead-letter queue takes it. */
    public static final class UnknownPaymentException extends RuntimeException {
        UnknownPaymentException(String message) {
            super(message);
        }
    }

    private final PaymentStore payments;
    private final PaymentWrites writes;
    private final PaymentSale sale;
    private final HoldStore holds;
    private final HoldReleaser releaser;
    private final PaymentGateways gateways;
    private final Clock clock;

    public PaymentFinalizer(PaymentStore payments, PaymentWrites writes, PaymentSale sale, HoldStore holds,
                            HoldReleaser releaser, PaymentGateways gateways, Clock clock) {
        this.payments = payments;
        this.writes = writes;
        this.sale = sale;
        this.holds = holds;
        this.releaser = releaser;
        this.gateways = gateways;
        this.clock = clock;
    }

    public void handle(PaymentEvent event) {
        if (event.type() == PaymentEvent.Type.IGNORED || event.type() == PaymentEvent.Type.REFUNDED) {
            LOG.info("{} event {} ({}) needs nothing", event.provider(), event.eventId(), event.providerType());
            return;
        }
        Payment payment = paymentOf(event);
        PaymentRules.Action action = PaymentRules.onEvent(event.type(), payment.status(), payment.captureRequested());
        LOG.info("{} event {} ({}) for payment {} ({}): {}", event.provider(), event.eventId(), event.providerType(),
                payment.id(), payment.status(), action);
        PaymentGateway gateway = gateways.require(payment.provider());
        switch (action) {
            case CAPTURE -> capture(payment, orderOf(payment, event), gateway);
            case SELL -> complete(payment, event.captureId(), gateway);
            case REFUND -> refundFailed(payment, event.captureId(), gateway);
            case FAIL_DECLINED -> writes.fail(payment, PaymentFailure.DECLINED,
                    PaymentRules.declinedReason(gateway.displayName()), now(), false);
            case FAIL_CANCELLED -> writes.fail(payment, PaymentFailure.CANCELLED,
                    PaymentRules.cancelledReason(gateway.displayName(), true), now(), true);
            case ACKNOWLEDGE -> {
                if (event.type() == PaymentEvent.Type.CAPTURE_COMPLETED && event.captureId() != null
                        && payment.captureId() != null && !event.captureId().equals(payment.captureId())) {
                    LOG.error("payment {} succeeded with capture {}, and {} reports another capture {}: check it",
                            payment.id(), payment.captureId(), payment.provider(), event.captureId());
                }
            }
        }
    }

    private void capture(Payment payment, String orderId, PaymentGateway gateway) {
        if (!payment.captureRequested() && !writes.markCaptureRequested(payment, now())) {
            LOG.info("payment {} ended before its capture; nothing captured", payment.id());
            return;
        }
        CaptureOutcome outcome;
        try {
            outcome = gateway.capture(orderId, payment.captureRequestId());
        } catch (PaymentProviderException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("{} refused to capture order {} of payment {}: {}", payment.provider(), orderId, payment.id(), e.getMessage());
            writes.fail(payment, PaymentFailure.DECLINED, PaymentRules.declinedReason(gateway.displayName()), now(), false);
            return;
        }
        switch (outcome.status()) {
            case COMPLETED -> complete(payments.get(payment.id()), outcome.captureId(), gateway);
            case PENDING -> LOG.info("capture {} of payment {} is pending at {}; its completion webhook will finish it",
                    outcome.captureId(), payment.id(), payment.provider());
            case DECLINED -> writes.fail(payment, PaymentFailure.DECLINED,
                    PaymentRules.declinedReason(gateway.displayName()), now(), false);
        }
    }

    /** The money moved: sell, or refund if that is no longer possible. */
    private void complete(Payment payment, String captureId, PaymentGateway gateway) {
        if (payment.status() == PaymentStatus.SUCCESS) {
            return;
        }
        if (payment.status() == PaymentStatus.FAILED) {
            refundFailed(payment, captureId, gateway);
            return;
        }
        PaymentSale.Result result = sale.sell(payment, captureId);
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

    /** Money came in for a payment that has failed: give it back (once, however often asked). */
    private void refundFailed(Payment payment, String eventCaptureId, PaymentGateway gateway) {
        String captureId = eventCaptureId != null ? eventCaptureId : payment.captureId();
        if (captureId == null) {
            LOG.warn("payment {} is FAILED and no capture is known; nothing to refund", payment.id());
            return;
        }
        RefundOutcome refund = gateway.refund(captureId, payment.amount(), payment.currency(), payment.refundRequestId());
        writes.recordRefund(payment, captureId, refund.refundId(), now());
        endHoldOf(payment);
    }

    /** A too-late payment's hold ends EXPIRED (tickets CANCELLED, seats it still holds freed), if it is still open for it. */
    private void endHoldOf(Payment payment) {
        Optional<StoredHold> payable = holds.load(payment.holdId());
        if (payable.isPresent() && payable.get().storedStatus() == HoldStatus.ACTIVE
                && payment.id().equals(payable.get().paymentId())) {
            releaser.end(payment.holdId(), HoldStatus.EXPIRED);
        }
    }

    private Payment paymentOf(PaymentEvent event) {
        Optional<Payment> found = payments.findByOrder(event.provider(), event.orderId());
        if (found.isEmpty() && event.paymentId() != null) {
            // the webhook may overtake the checkout's own write of the order id; our id came back with the order
            found = payments.find(event.paymentId())
                    .filter(p -> p.provider() == event.provider())
                    .filter(p -> p.providerOrderId() == null || p.providerOrderId().equals(event.orderId()));
        }
        return found.orElseThrow(() -> new UnknownPaymentException(event.provider() + " event " + event.eventId()
                + " (" + event.providerType() + ") names order " + event.orderId() + " of no known payment"));
    }

    private static String orderOf(Payment payment, PaymentEvent event) {
        String orderId = payment.providerOrderId() != null ? payment.providerOrderId() : event.orderId();
        if (orderId == null) {
            throw new IllegalStateException("payment " + payment.id() + " has no provider order to capture");
        }
        return orderId;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
