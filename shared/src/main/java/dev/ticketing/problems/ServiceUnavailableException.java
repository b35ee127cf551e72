package dev.ticketing.problems;

import java.util.Map;

/** We cannot answer right now (a dependency is unreachable); the same request later may well succeed. */
public class ServiceUnavailableException extends TicketingException {
    public ServiceUnavailableException(String detail) {
        super(503, "service-unavailable", "Service unavailable", detail, Map.of());
    }

    public ServiceUnavailableException(String type, String title, String detail, Map<String, Object> extensions) {
        super(503, type, title, detail, extensions);
    }
}
