package dev.ticketing.problems;

import java.util.Map;

/**
 * A domain answer that is not a success. Each subclass is one kind of problem with its HTTP status; the API
 * turns it into an RFC 9457 problem body in one place, so rules never think about HTTP.
 */
public abstract class TicketingException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    protected TicketingException(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public int status() {
        return status;
    }

    /** A short, stable, URL-safe name of the problem, used as the last segment of the problem {@code type}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem body, such as {@code unavailableSeats}. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
