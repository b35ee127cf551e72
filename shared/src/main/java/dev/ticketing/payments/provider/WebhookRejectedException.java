package dev.ticketing.payments.provider;

/** A webhook delivery that is not genuine ({@code status} 401) or not readable (400). Nothing is to be done with it. */
public class WebhookRejectedException extends RuntimeException {
    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static WebhookRejectedException unsigned(String message) {
        return new WebhookRejectedException(401, message);
    }

    public static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(400, message);
    }

    public int status() {
        return status;
    }
}
