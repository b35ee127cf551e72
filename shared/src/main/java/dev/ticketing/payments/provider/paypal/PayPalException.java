package dev.ticketing.payments.provider.paypal;

/**
 * PayPal answered with an error, or could not be asked at all ({@link #status()} 0). PayPal puts the broad
 * category in {@code name} (e.g. UNPROCESSABLE_ENTITY) and the precise reason in {@code details[0].issue}
 * (e.g. ORDER_ALREADY_CAPTURED); {@link #is(String)} matches either, so callers can react to a reason without
 * caring where PayPal put it.
 */
public class PayPalException extends RuntimeException {
    public static final String ORDER_NOT_APPROVED = "ORDER_NOT_APPROVED";
    public static final String ORDER_ALREADY_CAPTURED = "ORDER_ALREADY_CAPTURED";
    public static final String CAPTURE_FULLY_REFUNDED = "CAPTURE_FULLY_REFUNDED";
    public static final String UNPROCESSABLE_ENTITY = "UNPROCESSABLE_ENTITY";
    public static final String RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND";
    /** The {@link #name()} when no answer came back: connection refused, timeout, interrupted. */
    public static final String NO_ANSWER = "NO_ANSWER";

    private final int status;
    private final String name;
    private final String issue;
    private final String debugId;

    public PayPalException(int status, String name, String issue, String message, String debugId) {
        this(status, name, issue, message, debugId, null);
    }

    public PayPalException(int status, String name, String issue, String message, String debugId, Throwable cause) {
        super(describe(status, name, issue, message, debugId), cause);
        this.status = status;
        this.name = name;
        this.issue = issue;
        this.debugId = debugId;
    }

    /** The HTTP status PayPal answered with; 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** PayPal's error {@code name} (or the OAuth {@code error}), e.g. UNPROCESSABLE_ENTITY; may be null. */
    public String name() {
        return name;
    }

    /** The first {@code details[].issue}, e.g. ORDER_ALREADY_CAPTURED; null when PayPal gave none. */
    public String issue() {
        return issue;
    }

    /** PayPal's {@code debug_id}, the thing PayPal support asks for. */
    public String debugId() {
        return debugId;
    }

    /** True when {@code code} is either the error name or the issue. */
    public boolean is(String code) {
        return code != null && (code.equals(name) || code.equals(issue));
    }

    /** The order was captured before: for an idempotent flow this is success, not failure. */
    public boolean isOrderAlreadyCaptured() {
        return is(ORDER_ALREADY_CAPTURED);
    }

    public boolean isOrderNotApproved() {
        return is(ORDER_NOT_APPROVED);
    }

    /** Worth repeating later (with the same PayPal-Request-Id): no answer, rate limited, or PayPal's own fault. */
    public boolean isRetryable() {
        return status == 0 || status == 429 || status >= 500;
    }

    private static String describe(int status, String name, String issue, String message, String debugId) {
        StringBuilder text = new StringBuilder("PayPal ");
        text.append(status == 0 ? "gave no answer" : "answered " + status);
        if (name != null) {
            text.append(' ').append(name);
        }
        if (issue != null) {
            text.append('/').append(issue);
        }
        if (message != null) {
            text.append(": ").append(message);
        }
        if (debugId != null) {
            text.append(" (debug_id ").append(debugId).append(')');
        }
        return text.toString();
    }
}
