package dev.ticketing.config;

import java.time.Duration;

/**
 * How "best available" requests ({@code {"quantity":N,"together":true}} or split) are placed.
 * {@code BEST_AVAILABLE_DEADLINE} (ISO-8601, default {@code PT5S}): how long a request may wait for its turn and keep
 * trying before it is answered 503 (a 409 {@code not-enough-seats} comes only from a consistent view that has no
 * fitting block). One allocator per event places requests in arrival order against an exact view (the previous
 * design, optimistic random picks from the seat-map snapshot, was retired: its figures are in bench/results/rush.md).
 * {@code BEST_AVAILABLE_WAIT} (ISO-8601, default {@code PT0.1S}; a wait over the deadline is the deadline): how long
 * the API waits for a request's outcome before answering {@code 202} with a place to poll it. The allocator runs in a
 * function of its own (AllocatorFunction), so no API function waits for it longer than this (issue 25: concurrency is
 * arrivals x wait); a poll answers at once.
 */
public record BestAvailableConfig(Duration deadline, Duration answerWithin) {
    public static final Duration MAX_DEADLINE = Duration.ofSeconds(25);

    public BestAvailableConfig {
        if (deadline.compareTo(Duration.ofMillis(100)) < 0 || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("BEST_AVAILABLE_DEADLINE must be between PT0.1S and " + MAX_DEADLINE
                    + " (an API Gateway request ends at 30 s)");
        }
        if (answerWithin.isNegative()) {
            throw new IllegalArgumentException("BEST_AVAILABLE_WAIT must not be negative");
        }
        if (answerWithin.compareTo(deadline) > 0) {
            answerWithin = deadline; // "at most the deadline": waiting longer could only end in the deadline's 503
        }
    }
}
