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
