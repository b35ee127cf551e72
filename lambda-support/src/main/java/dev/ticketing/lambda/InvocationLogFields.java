package dev.ticketing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The log fields of one Lambda invocation, for as long as it runs: Lambda's request id and the function's name (SLF4J's
 * MDC, which the functions' logback writes as JSON). {@code try (InvocationLogFields fields = InvocationLogFields.of(context))}
 * puts them and removes exactly what it put. Every handler opens them: {@link TicketingHandler#execute} for the
 * request handlers, the API's handler itself.
 *
 * <p>The names are those of {@code dev.ticketing.logging.LogFields} ({@code REQUEST_ID}, {@code FUNCTION}), spelled
 * again here because this module sees nothing of shared; a test of the local module holds the two equal.
 */
public final class InvocationLogFields implements AutoCloseable {
    /** Lambda's request id of this invocation ({@code Context.getAwsRequestId()}). */
    public static final String REQUEST_ID = "requestId";
    /** The function's name as Lambda knows it (locally: its logical id in template.yaml). */
    public static final String FUNCTION = "function";

    private final List<String> keys = new ArrayList<>(2);

    private InvocationLogFields() {
    }

    /** Puts the invocation's request id and function name; nothing without a context, nor for a null or blank value. */
    public static InvocationLogFields of(Context lambda) {
        InvocationLogFields fields = new InvocationLogFields();
        if (lambda != null) {
            fields.put(REQUEST_ID, lambda.getAwsRequestId());
            fields.put(FUNCTION, lambda.getFunctionName());
        }
        return fields;
    }

    private void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
            keys.add(key);
        }
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}
