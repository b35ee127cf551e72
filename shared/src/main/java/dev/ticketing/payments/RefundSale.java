package dev.ticketing.payments;

import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.RefundOutcome;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives all of a sale's money that is not back yet (the whole amount, or what is left after an organiser's refund of
 * some of its tickets) back through its provider, on our side (an organiser's decision, such as an
 * event's cancellation): the provider's refund with the payment's one request id ({@link Payment#refundRequestId},
 * so a repeat after a crash gets the same refund back, never a second one), then ONE conditional transaction makes the
 * payment REFUNDED with that refund's id and its tickets CANCELLED ({@link PaymentWrites#refunded}); a payment that is
 * already REFUNDED is not asked about again, so no payment is refunded twice.
 */
@Singleton
public class RefundSale {
    private static final Logger LOG = LoggerFactory.getLogger(RefundSale.class);

    /** What became of the refund: done (now or before), or refused by the provider (with its reason). */
    public record Outcome(boolean refunded, String refusal) {
        static Outcome done() {
            return new Outcome(true, null);
        }

        static Outcome refused(String reason) {
            return new Outcome(false, reason);
        }
    }

    private final PaymentReader payments;
    private final HoldReader holds;
    private final PaymentWrites writes;
    private final PaymentGateways gateways;
    private final Clock clock;

    public RefundSale(PaymentReader payments, HoldReader holds, PaymentWrites writes, PaymentGateways gateways, Clock clock) {
        this.payments = payments;
        this.holds = holds;
        this.writes = writes;
        this.gateways = gateways;
        this.clock = clock;
    }

    /**
     * Refunds sold payment {@code paymentId} for {@code reason}. Refused: the provider said no for good, or the payment
     * is not a sale. A provider that cannot be asked now throws {@link PaymentProviderException} (retryable): ask
     * again later, with the same effect.
     */
    public Outcome refund(String paymentId, String reason) {
        Payment payment = payments.get(paymentId);
        if (payment.status() == PaymentStatus.REFUNDED) {
            return Outcome.done();
        }
        if (payment.status() != PaymentStatus.SUCCESS) {
            return Outcome.refused("payment " + paymentId + " is " + payment.status() + ", not a sale");
        }
        Optional<PaymentGateway> gateway = gateways.find(payment.provider());
        if (gateway.isEmpty()) {
            return Outcome.refused(payment.provider() + " is not configured here; refund it at the provider");
        }
        // what is left: an organiser may have refunded some tickets before (RefundOrder), and the provider refuses
        // to give back more than is left of the capture
        BigDecimal left = payment.refundedAmount() == null ? payment.amount()
                : payment.amount().subtract(payment.refundedAmount());
        RefundOutcome refund;
        try {
            refund = gateway.get().refund(payment.captureId(), left, payment.currency(), payment.refundRequestId());
        } catch (PaymentProviderException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("{} refused to refund payment {}: {}", payment.provider(), paymentId, e.getMessage());
            return Outcome.refused(gateway.get().displayName() + " refused the refund: " + e.getMessage());
        }
        StoredHold hold = holds.load(payment.holdId()).orElseThrow();
        if (!writes.refunded(payment, hold.hold(), payment.amount(), reason, refund.refundId(), now())) {
            // the provider's own refund webhook may have recorded it first; anything else is not a refund
            Payment now = payments.get(paymentId);
            return now.status() == PaymentStatus.REFUNDED ? Outcome.done()
                    : Outcome.refused("payment " + paymentId + " became " + now.status() + " during its refund");
        }
        LOG.info("payment {} REFUNDED ({}): refund {}", paymentId, reason, refund.refundId());
        return Outcome.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
