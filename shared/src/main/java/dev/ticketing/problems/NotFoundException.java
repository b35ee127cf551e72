package dev.ticketing.problems;

import java.util.Map;

public class NotFoundException extends TicketingException {
    public NotFoundException(String detail) {
        super(404, "not-found", "Not found", detail, Map.of());
    }
}
