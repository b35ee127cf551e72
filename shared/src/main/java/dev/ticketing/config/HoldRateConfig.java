package dev.ticketing.config;

/**
 * {@code MAX_HOLDS_PER_USER_PER_HOUR} (default 20; 0 means no limit): how many holds one user may create for one
 * event within one clock hour (UTC), against cycling holds to keep seats off the market. Counted in the hold's own
 * transaction, so the limit holds under any concurrency.
 */
public record HoldRateConfig(int maxHoldsPerUserPerHour) {
    public HoldRateConfig {
        if (maxHoldsPerUserPerHour < 0 || maxHoldsPerUserPerHour > 10_000) {
            throw new IllegalArgumentException("MAX_HOLDS_PER_USER_PER_HOUR must be 0 (no limit) .. 10000");
        }
    }

    public boolean enabled() {
        return maxHoldsPerUserPerHour > 0;
    }
}
