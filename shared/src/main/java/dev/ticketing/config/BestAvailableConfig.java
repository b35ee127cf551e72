package dev.ticketing.config;

import java.time.Duration;

/**
 * How "best available" requests ({@code {"quantity":N,"together":true}} or split) are placed.
 * {@code BEST_AVAILABLE_DEADLINE} (ISO-8601, default {@code PT5S}): how long a request may wait for its turn and keep
 * trying before it is answered 503 (a 409 {@code not-enough-seats} comes only from a consistent view that has no
 * fitting block). One allocator per event places requests in arrival order against an exact view (the previous
 * design, optimistic random picks from the seat-map snapshot, was retired: its figures are in bench/results/rush.md).
 */
public record BestAvailableConfig(Duration deadline) {
    public static final Duration MAX_DEADLINE = Duration.ofSeconds(25);

    public BestAvailableConfig {
        if (deadline.compareTo(Duration.ofMillis(100)) < 0 || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("BEST_AVAILABLE_DEADLINE must be between PT0.1S and " + MAX_DEADLINE
                    + " (an API Gateway request ends at 30 s)");
        }
    }
}
