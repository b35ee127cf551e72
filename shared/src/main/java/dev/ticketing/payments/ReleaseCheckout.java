package dev.ticketing.payments;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.ReleaseOutcome;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing stays authorized: a payment that ended FAILED without a sale has its order released at the provider
 * ({@link PaymentGateway#release}: the card checkout voids the session and the authorization on the card; PayPal, with
 * intent CAPTURE, holds nothing and needs no call), with the request id {@code void-<paymentId>}, so a repeat is
 * harmless. Called right after the failure, and by reconciliation for a failure whose release did not happen (the
 * payment stays in the reconcile index until {@link PaymentWrites#markReleased}); a provider that cannot be asked
 * now is asked again after {@code RECONCILE_AFTER}. Money that was captured after all is not released here but
 * refunded by {@link FinalizePayment#settle}.
 */
@Singleton
public class ReleaseCheckout {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseCheckout.class);

    private final PaymentReader payments;
    private final PaymentWrites writes;
    private final PaymentGateways gateways;
    private final PaymentTiming timing;
    private final Clock clock;

    public ReleaseCheckout(PaymentReader payments, PaymentWrites writes, PaymentGateways gateways, PaymentTiming timing,
                           Clock clock) {
        this.payments = payments;
        this.writes = writes;
        this.gateways = gateways;
        this.timing = timing;
        this.clock = clock;
    }

    /**
     * Ends payment {@code payment}, still in flight, FAILED ({@code failure}, {@code reason}) before any money is taken
     * (refused once its capture was asked for: that payment is finished by the payment flow), then releases its order
     * at once: a card authorization is voided, an open checkout closed, a PayPal order simply never captured. True
     * when this call ended it. A crash between the two writes leaves the payment due for reconciliation, which
     * releases it then ({@link PaymentWrites#failing}).
     */
    public boolean failInFlight(Payment payment, PaymentFailure failure, String reason) {
        if (!writes.fail(payment, failure, reason, now(), true)) {
            return false;
        }
        release(payment.id());
        return true;
    }

    /**
     * Releases the order of payment {@code paymentId} if it ended FAILED with nothing captured; answers what the
     * provider did, or empty when nothing was asked (not FAILED, no order, money refunded) or the provider could not
     * be asked now (then it is due again after {@code RECONCILE_AFTER}).
     */
    public Optional<ReleaseOutcome> release(String paymentId) {
        Payment payment = payments.get(paymentId);
        if (payment.status() != PaymentStatus.FAILED) {
            return Optional.empty();
        }
        if (payment.providerOrderId() == null || payment.refundId() != null) {
            // no order was made, or the money came in and went back: nothing is held at the provider
            writes.markReleased(paymentId, "NONE", now());
            return Optional.empty();
        }
        Optional<PaymentGateway> gateway = gateways.find(payment.provider());
        if (gateway.isEmpty()) {
            writes.postponeReconcile(payment, now().plus(timing.reconcileAfter()));
            return Optional.empty();
        }
        ReleaseOutcome outcome;
        try {
            outcome = gateway.get().release(payment.providerOrderId(), payment.releaseRequestId());
        } catch (PaymentProviderException e) {
            LOG.warn("{} could not release order {} of failed payment {} now: {}; reconciliation asks again",
                    payment.provider(), payment.providerOrderId(), payment.id(), e.getMessage());
            writes.postponeReconcile(payment, now().plus(timing.reconcileAfter()));
            return Optional.empty();
        }
        if (outcome == ReleaseOutcome.CAPTURED) {
            // captured after all: reconciliation's settle refunds it, then releases
            LOG.warn("order {} of failed payment {} was captured at {}: to be refunded", payment.providerOrderId(),
                    payment.id(), payment.provider());
            writes.postponeReconcile(payment, now());
            return Optional.of(outcome);
        }
        writes.markReleased(paymentId, outcome.name(), now());
        LOG.info("failed payment {}: order {} released at {} ({})", payment.id(), payment.providerOrderId(),
                payment.provider(), outcome);
        return Optional.of(outcome);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
