package dev.ticketing.problems;

import java.util.Map;

public class ForbiddenException extends TicketingException {
    public ForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail, Map.of());
    }
}
