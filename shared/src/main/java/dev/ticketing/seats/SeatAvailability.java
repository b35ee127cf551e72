package dev.ticketing.seats;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one rule of who may take a seat: it is free when AVAILABLE, or RESERVED by a hold whose time is up
 * ("lazy expiry": availability never waits for background cleanup). Every write that takes a seat uses
 * {@link #HOLDABLE}; every read that shows a seat uses {@link #visibleStatus}.
 */
public final class SeatAvailability {
    /** Condition for taking a seat; needs {@link #holdableValues(Instant)}. */
    public static final String HOLDABLE =
            "attribute_exists(pk) AND (#status = :available OR (#status = :reserved AND expires_at <= :now))";

    private SeatAvailability() {
    }

    public static Map<String, String> holdableNames() {
        return Map.of("#status", SeatItems.STATUS);
    }

    public static Map<String, AttributeValue> holdableValues(Instant now) {
        return Map.of(
                ":available", AttributeValue.fromS(SeatStatus.AVAILABLE.name()),
                ":reserved", AttributeValue.fromS(SeatStatus.RESERVED.name()),
                ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
    }

    public static SeatStatus visibleStatus(SeatStatus stored, long expiresAtMillis, Instant now) {
        if (stored == SeatStatus.RESERVED && expiresAtMillis <= now.toEpochMilli()) {
            return SeatStatus.AVAILABLE;
        }
        return stored;
    }
}
