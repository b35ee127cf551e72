package dev.ticketing.payments.provider;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One payment provider, as the payment flow needs it. Implementations translate to and from the provider's own API
 * and never touch the database; every call that moves money takes a request id the provider uses to make a repeat
 * harmless, so callers derive it from the payment id.
 *
 * <p>Failures: {@link PaymentProviderException} when the provider refused or could not be asked (its
 * {@link PaymentProviderException#retryable()} says whether the same call later may succeed);
 * {@link WebhookRejectedException} for a webhook that is not genuine or not readable.
 */
public interface PaymentGateway {
    PaymentProvider provider();

    /** What the checkout page shows, e.g. "PayPal". */
    String displayName();

    /**
     * Starts a hosted checkout for the payment: the provider's order (or session) and where to send the buyer.
     * Repeating it with the same payment id gives the same order.
     */
    CheckoutSession createCheckout(CheckoutRequest request);

    /**
     * The order as the provider's API reports it now: the facts a sale, a refund or a reconciliation rests on.
     * Empty when the provider does not know the order (it never existed, or it expired unapproved and was forgotten).
     */
    Optional<ProviderOrder> order(String orderId);

    /**
     * The ISO 4217 codes of the currencies this provider takes, as the provider publishes them: the one place that
     * says which provider an event in a currency may be paid with.
     */
    Set<String> currencies();

    /**
     * Whether this provider can charge {@code amount} in {@code currency}, one it {@linkplain #currencies() takes}:
     * positive, and with no more decimals than the provider takes for the currency. Empty when it can, else the
     * reason (for a 400 at event creation).
     */
    Optional<String> unchargeable(BigDecimal amount, String currency);

    /** Takes the money of an approved order; a repeat with the same {@code requestId}, or of a captured order, is harmless. */
    CaptureOutcome capture(String orderId, String requestId);

    /**
     * Releases an order that will not end in a sale, so that nothing stays blocked on the buyer's side: voids an
     * authorization, closes a checkout that could still be paid. Never captures. A repeat with the same
     * {@code requestId}, or of an order already released, is harmless.
     */
    ReleaseOutcome release(String orderId, String requestId);

    /** Gives the whole {@code amount} of a capture back; a repeat with the same {@code requestId} is harmless. */
    RefundOutcome refund(String captureId, BigDecimal amount, String currency, String requestId);

    /**
     * Checks that a webhook delivery comes from the provider and reads it. {@code headers} may use any case.
     *
     * @throws WebhookRejectedException when it is unsigned, forged or unreadable (answer 4xx: nothing to retry)
     * @throws PaymentProviderException when genuineness cannot be decided now (answer 5xx so the provider retries)
     */
    PaymentEvent verifyWebhook(Map<String, String> headers, String body);

    /** Reads the body of a webhook that {@link #verifyWebhook} accepted earlier (from the queue). */
    PaymentEvent parseEvent(String body);
}
