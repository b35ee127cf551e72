package dev.ticketing.problems;

import java.util.Map;

/** The caller did this too often; the same request later may well succeed. */
public class TooManyRequestsException extends TicketingException {
    public TooManyRequestsException(String type, String title, String detail, Map<String, Object> extensions) {
        super(429, type, title, detail, extensions);
    }
}
