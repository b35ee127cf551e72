package dev.ticketing.seats.model;

import dev.ticketing.seats.items.SeatItems;

import java.time.Instant;

/**
 * The read side of the one rule of who may take a seat: it is free when AVAILABLE, or RESERVED by a hold whose
 * time is up ("lazy expiry": availability never waits for background cleanup). Every write that takes a seat uses
 * {@link SeatItems#HOLDABLE}; every read that shows a seat uses {@link #visibleStatus}.
 */
public final class SeatAvailability {
    private SeatAvailability() {
    }

    /** What a seat stored as {@code stored}, reserved until {@code expiresAtMillis} (epoch millis), is at {@code now}. */
    public static SeatStatus visibleStatus(SeatStatus stored, long expiresAtMillis, Instant now) {
        if (stored == SeatStatus.RESERVED && expiresAtMillis <= now.toEpochMilli()) {
            return SeatStatus.AVAILABLE;
        }
        return stored;
    }
}
