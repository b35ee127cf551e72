package dev.ticketing.config;

import java.time.Duration;

/**
 * The settings every function shares, read once at start-up from the environment (Lambda) or from the local
 * stack's flags: {@code TABLE_NAME}, {@code HOLD_DURATION}, {@code MAX_SEATS_PER_HOLD},
 * {@code MAX_ACTIVE_HOLDS_PER_USER} (per event; 0 means no limit).
 */
public record TicketingConfig(String tableName, Duration holdDuration, int maxSeatsPerHold, int maxActiveHoldsPerUser) {
    /**
     * The largest transactions per hold: the hold's own, two items per seat (seat, ticket) plus up to two more per seat
     * that its not stranding anyone rests on (the free seats beyond its free neighbours), plus up to eight (hold,
     * lease, active-hold slots for the event and across events, hold-rate slot, idempotency key, allocation request
     * and outcome): 22 x 4 + 8 = 96; and the checkout's, two items per seat (the seat extended by the payment grace,
     * the ticket linked) plus six (hold, payment, lease, both active-hold slots, idempotency key). DynamoDB allows 100
     * items per transaction.
     */
    public static final int TRANSACTION_SEAT_CEILING = 22;

    public TicketingConfig {
        if (tableName == null || tableName.length() < 3) {
            throw new IllegalArgumentException("TABLE_NAME must have at least 3 characters");
        }
        if (holdDuration.isNegative() || holdDuration.isZero()) {
            throw new IllegalArgumentException("HOLD_DURATION must be positive");
        }
        if (maxSeatsPerHold < 1 || maxSeatsPerHold > TRANSACTION_SEAT_CEILING) {
            throw new IllegalArgumentException("MAX_SEATS_PER_HOLD must be 1.." + TRANSACTION_SEAT_CEILING);
        }
        if (maxActiveHoldsPerUser < 0 || maxActiveHoldsPerUser > 10) {
            throw new IllegalArgumentException("MAX_ACTIVE_HOLDS_PER_USER must be 0 (no limit) .. 10");
        }
    }
}
