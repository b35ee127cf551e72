package dev.ticketing.problems;

import java.util.Map;

/** The request is understood but asks for more than a limit allows. */
public class LimitExceededException extends TicketingException {
    public LimitExceededException(String detail, Map<String, Object> extensions) {
        super(422, "limit-exceeded", "Limit exceeded", detail, extensions);
    }
}
