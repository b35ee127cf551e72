package dev.ticketing.problems;

import java.util.Map;

/**
 * The request is larger than the API reads (see {@code dev.ticketing.input.RequestLimits}): refused before any of it
 * is parsed, and nothing changed. {@code 413 content-too-large} for a body, {@code 431 request-header-fields-too-large}
 * for the headers; both say the limit in {@code limitBytes}.
 */
public class RequestTooLargeException extends TicketingException {
    private RequestTooLargeException(int status, String type, String title, String detail, long limitBytes) {
        super(status, type, title, detail, Map.of("limitBytes", limitBytes));
    }

    private RequestTooLargeException(String detail, Map<String, Object> extensions) {
        super(413, "too-many-items", "Too many items", detail, extensions);
    }

    /** {@code 413 too-many-items}: the list {@code field} has {@code count} items, more than the {@code most} read. */
    public static RequestTooLargeException items(String field, int count, int most) {
        return new RequestTooLargeException(field + " has " + count + " items; send at most " + most + " at a time",
                Map.of("field", field, "limit", most));
    }

    /** A body of more than {@code limitBytes}. */
    public static RequestTooLargeException body(long limitBytes) {
        return new RequestTooLargeException(413, "content-too-large", "Content Too Large",
                "The body is larger than " + limitBytes + " bytes, the most this API reads", limitBytes);
    }

    /** A request line and headers of more than {@code limitBytes} together. */
    public static RequestTooLargeException headers(long limitBytes) {
        return new RequestTooLargeException(431, "request-header-fields-too-large", "Request Header Fields Too Large",
                "The request line and headers are larger than " + limitBytes + " bytes, the most this API reads",
                limitBytes);
    }
}
