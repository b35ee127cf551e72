package dev.ticketing.config;

import java.time.Duration;

/**
 * {@code SEATMAP_MAX_AGE} (ISO-8601 duration, default {@code PT0.25S}): how long an instance serves its seat-map
 * snapshot before refreshing it. At most one second, the freshness the seat map promises (DESIGN.md section 4).
 */
public record SeatMapConfig(Duration maxAge) {
    public static final Duration FRESHNESS_BOUND = Duration.ofSeconds(1);

    public SeatMapConfig {
        if (maxAge.isNegative() || maxAge.compareTo(FRESHNESS_BOUND) > 0) {
            throw new IllegalArgumentException("SEATMAP_MAX_AGE must be between PT0S and " + FRESHNESS_BOUND);
        }
    }
}
