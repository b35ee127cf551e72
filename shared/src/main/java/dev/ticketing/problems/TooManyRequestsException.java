package dev.ticketing.problems;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The caller did this too often; the same request later may well succeed. {@code retryAfter}, when known, is how long
 * until it may: the answer carries it as {@code Retry-After} (whole seconds, rounded up).
 */
public class TooManyRequestsException extends TicketingException {
    private final Duration retryAfter;

    public TooManyRequestsException(String type, String title, String detail, Map<String, Object> extensions) {
        this(type, title, detail, extensions, null);
    }

    public TooManyRequestsException(String type, String title, String detail, Map<String, Object> extensions,
                                    Duration retryAfter) {
        super(429, type, title, detail, extensions);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@link #retryAfter} as the header's value: whole seconds, rounded up, at least 1. */
    public Optional<String> retryAfterSeconds() {
        return retryAfter().map(wait -> Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }
}
