package dev.ticketing.config;

/** {@code SWEEP_LIMIT} (default 500): the most expired holds one sweeper run ends; the rest wait for the next run. */
public record SweepConfig(int limit) {
    public SweepConfig {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("SWEEP_LIMIT must be 1..10000");
        }
    }
}
