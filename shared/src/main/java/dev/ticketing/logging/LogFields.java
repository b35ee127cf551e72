package dev.ticketing.logging;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The names of the fields every log line of a function carries (SLF4J's MDC; the functions' logback writes them as
 * JSON), so that one search finds a purchase's whole story across functions. The handlers and controllers of
 * {@code functions/} set them; the rules in this jar never do. Never put a token, a secret or card data here.
 */
public final class LogFields {
    /**
     * Lambda's request id of this invocation ({@code Context.getAwsRequestId()}). This and {@link #FUNCTION} are put by
     * every handler through lambda-support ({@code dev.ticketing.lambda.InvocationLogFields}, the same names).
     */
    public static final String REQUEST_ID = "requestId";
    /** API Gateway's id of the HTTP request ({@code requestContext.requestId}), also in the API's access log. */
    public static final String API_REQUEST_ID = "apiRequestId";
    /** The function's name as Lambda knows it (locally: its logical id in template.yaml). */
    public static final String FUNCTION = "function";
    /** The caller: the JWT's {@code sub}. */
    public static final String USER_ID = "userId";
    /** The ticketed event (concert, show). */
    public static final String EVENT_ID = "eventId";
    public static final String HOLD_ID = "holdId";
    public static final String PAYMENT_ID = "paymentId";
    /** A provider's webhook event id (the same on every delivery of one event). */
    public static final String WEBHOOK_EVENT_ID = "webhookEventId";
    /** The provider's order id of a payment. */
    public static final String PROVIDER_ORDER_ID = "providerOrderId";
    /** An order's code ({@code K7Q-4M2}): its confirmation mail's story. */
    public static final String ORDER_CODE = "orderCode";
    /** The SQS message id being processed. */
    public static final String MESSAGE_ID = "messageId";

    private LogFields() {
    }

    /** Puts a field for the rest of the invocation (its handler clears them all at the end); null or blank puts nothing. */
    public static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }

    /** Removes every field: a handler does it when its invocation ends, so nothing leaks into the next one. */
    public static void clear() {
        MDC.clear();
    }

    /**
     * Fields put for a while: {@code try (LogFields.Scope scope = LogFields.scope()) { scope.put(...); ... }} removes
     * exactly what it put, so a handler's per-record fields never leak into the next record or invocation.
     */
    public static Scope scope() {
        return new Scope();
    }

    /** See {@link #scope()}. */
    public static final class Scope implements AutoCloseable {
        private final List<String> keys = new ArrayList<>();

        private Scope() {
        }

        /** Puts the field unless the value is null or blank. */
        public Scope put(String key, String value) {
            if (value != null && !value.isBlank()) {
                MDC.put(key, value);
                keys.add(key);
            }
            return this;
        }

        @Override
        public void close() {
            keys.forEach(MDC::remove);
        }
    }
}
