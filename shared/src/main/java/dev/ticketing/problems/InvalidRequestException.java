package dev.ticketing.problems;

import java.util.Map;

/** The request is malformed or breaks a rule of the contract; nothing was changed. */
public class InvalidRequestException extends TicketingException {
    public InvalidRequestException(String detail) {
        this(detail, Map.of());
    }

    public InvalidRequestException(String detail, Map<String, Object> extensions) {
        super(400, "invalid-request", "Invalid request", detail, extensions);
    }
}
