package dev.ticketing.problems;

import java.util.Map;

/** We cannot answer right now (a dependency is unreachable); the same request later may well succeed. */
public class ServiceUnavailableException extends TicketingException {
    public ServiceUnavailableException(String detail) {
        super(503, "service-unavailable", "Service unavailable", detail, Map.of());
    }
}
