package dev.ticketing.payments.provider.card;

/** The card checkout answered with an error ({@code status} 0: no answer). {@code code} is its error code. */
public class CardCheckoutException extends RuntimeException {
    private final int status;
    private final String code;

    public CardCheckoutException(int status, String code, String message, Throwable cause) {
        super("card checkout " + (status == 0 ? "gave no answer" : "answered " + status)
                + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message), cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
