package dev.ticketing.payments.provider;

/**
 * The provider refused a call or could not be asked. {@code retryable}: no answer, rate limited or the provider's
 * own fault, so the same call (same request id) later may succeed. {@code code} is the provider's reason, e.g.
 * PayPal's ORDER_NOT_APPROVED, when it gave one.
 */
public class PaymentProviderException extends RuntimeException {
    private final boolean retryable;
    private final String code;

    public PaymentProviderException(String message, boolean retryable, String code, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.code = code;
    }

    public boolean retryable() {
        return retryable;
    }

    public String code() {
        return code;
    }
}
