package dev.ticketing.config;

import java.time.Duration;

/**
 * Per-buyer fairness beyond one event's limits (docs/holds.md, "Against hoarding"):
 * {@code MAX_OPEN_HOLDS_PER_USER} (default 2; 0 means no limit): open holds one user may have across ALL events at
 * once, so one account cannot sit on seats of many events; {@code CLIENT_WRITE_BURST} (default 6; 0 means off) and
 * {@code CLIENT_WRITE_INTERVAL} (default PT15S): the token bucket of one client (its source address) on the buyers'
 * write routes: a full bucket of {@code burst} requests, refilled by one every {@code interval}. The defaults let one
 * client make at most 6 + 4 = 10 writes in its first minute: 100 seats at 10 seats a hold, half a 200-seat hall.
 */
public record FairnessConfig(int maxOpenHoldsPerUser, int clientWriteBurst, Duration clientWriteInterval) {
    public FairnessConfig {
        if (maxOpenHoldsPerUser < 0 || maxOpenHoldsPerUser > 10) {
            throw new IllegalArgumentException("MAX_OPEN_HOLDS_PER_USER must be 0 (no limit) .. 10");
        }
        if (clientWriteBurst < 0 || clientWriteBurst > 10_000) {
            throw new IllegalArgumentException("CLIENT_WRITE_BURST must be 0 (off) .. 10000");
        }
        if (clientWriteInterval.isNegative() || clientWriteInterval.isZero()
                || clientWriteInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("CLIENT_WRITE_INTERVAL must be positive and at most PT1H");
        }
    }

    public boolean openHoldsLimited() {
        return maxOpenHoldsPerUser > 0;
    }

    public boolean clientWritesLimited() {
        return clientWriteBurst > 0;
    }
}
