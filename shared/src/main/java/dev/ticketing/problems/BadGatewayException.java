package dev.ticketing.problems;

import java.util.Map;

/** A service we depend on (a payment provider) failed or did not answer; what we could undo was undone. */
public class BadGatewayException extends TicketingException {
    public BadGatewayException(String type, String title, String detail, Map<String, Object> extensions) {
        super(502, type, title, detail, extensions);
    }

    public BadGatewayException(String detail) {
        this("bad-gateway", "Bad gateway", detail, Map.of());
    }
}
