package dev.ticketing.config;

/**
 * {@code MAX_HOLDS_PER_USER_PER_HOUR} (default 20; 0 means no limit): how many holds one user may create for one
 * event within any rolling hour ({@link #WINDOW}: any 60 minutes, not a clock hour), against cycling holds to keep
 * seats off the market. Each hold claims one of that many rate slots in its own transaction, so the limit holds under
 * any concurrency. At most 100: a refused hold reads all the user's slots for the event in one query.
 */
public record HoldRateConfig(int maxHoldsPerUserPerHour) {
    /** The rolling window the limit counts in. */
    public static final java.time.Duration WINDOW = java.time.Duration.ofHours(1);

    public HoldRateConfig {
        if (maxHoldsPerUserPerHour < 0 || maxHoldsPerUserPerHour > 100) {
            throw new IllegalArgumentException("MAX_HOLDS_PER_USER_PER_HOUR must be 0 (no limit) .. 100");
        }
    }

    public boolean enabled() {
        return maxHoldsPerUserPerHour > 0;
    }
}
