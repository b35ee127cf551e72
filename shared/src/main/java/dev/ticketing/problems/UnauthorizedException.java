package dev.ticketing.problems;

import java.util.Map;

public class UnauthorizedException extends TicketingException {
    public UnauthorizedException(String detail) {
        super(401, "unauthorized", "Unauthorized", detail, Map.of());
    }
}
