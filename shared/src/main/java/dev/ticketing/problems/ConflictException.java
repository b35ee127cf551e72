package dev.ticketing.problems;

import java.util.Map;

/** The request is well formed but the current state does not allow it. */
public class ConflictException extends TicketingException {
    public ConflictException(String type, String title, String detail, Map<String, Object> extensions) {
        super(409, type, title, detail, extensions);
    }

    public ConflictException(String detail) {
        this("conflict", "Conflict", detail, Map.of());
    }
}
