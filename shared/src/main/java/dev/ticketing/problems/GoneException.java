package dev.ticketing.problems;

import java.util.Map;

/** What the request names existed and was ended for good (a revoked ticket code); asking again will not help. */
public class GoneException extends TicketingException {
    public GoneException(String type, String title, String detail, Map<String, Object> extensions) {
        super(410, type, title, detail, extensions);
    }
}
