package dev.ticketing.store;

import java.time.Instant;

/**
 * The table's TTL attribute ({@code ttl}, template.yaml TimeToLiveSpecification) holds epoch SECONDS, while items
 * keep their own times in milliseconds. Rounding up means TTL never deletes an item before the moment it stands
 * for ("Using DynamoDB TTL": items are deleted some time after the TTL passes, never before).
 */
public final class Ttl {
    private Ttl() {
    }

    /** The TTL value for an item that must live at least until {@code until}: epoch seconds, rounded up. */
    public static long atOrAfter(Instant until) {
        long millis = until.toEpochMilli();
        return Math.floorDiv(millis + 999, 1000);
    }
}
