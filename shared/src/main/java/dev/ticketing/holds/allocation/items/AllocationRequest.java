package dev.ticketing.holds.allocation.items;

import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.holds.model.SeatPreference;
import java.time.Instant;
import java.util.Optional;

/**
 * A best-available request waiting in its event's allocation queue: who asks, how many seats, together or not, the
 * active-hold slot it will claim and its idempotency key, if any, and what it asks of its seats
 * ({@link SeatPreference}: a category, a price, wheelchair places). {@code position} orders the queue (arrival time,
 * then id).
 */
public record AllocationRequest(String id, String eventId, String userId, int quantity, boolean together,
                                Instant createdAt, Optional<Integer> slot, Optional<IdempotencyKeys.Key> key,
                                String position, SeatPreference preference) {
}
