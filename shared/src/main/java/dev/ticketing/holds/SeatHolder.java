package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.Event;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.SeatAvailability;
import dev.ticketing.seats.SeatId;
import dev.ticketing.seats.SeatItems;
import dev.ticketing.seats.SeatMapSnapshots;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Transactions;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketStatus;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Holds seats for a user: ONE transaction that takes every seat under the availability condition, creates a
 * PENDING ticket per seat, the hold and its lease, claims one of the user's active-hold slots for the event and
 * records the idempotency key. Either all of it happens or none.
 */
@Singleton
public class SeatHolder {
    private final DynamoDbClient dynamo;
    private final TicketingConfig config;
    private final Clock clock;
    private final ActiveHoldGuard guard;
    private final IdempotencyKeys idempotency;
    private final HoldStore holds;
    private final SeatMapSnapshots snapshots;

    public SeatHolder(DynamoDbClient dynamo, TicketingConfig config, Clock clock, ActiveHoldGuard guard,
                      IdempotencyKeys idempotency, HoldStore holds, SeatMapSnapshots snapshots) {
        this.snapshots = snapshots;
        this.dynamo = dynamo;
        this.config = config;
        this.clock = clock;
        this.guard = guard;
        this.idempotency = idempotency;
        this.holds = holds;
    }

    /**
     * Holds exactly these seats of the event, or throws {@link SeatsUnavailableException} naming the taken ones,
     * or a 409 when someone else took the user's last open-hold slot meanwhile. {@code slot} is the slot to claim
     * ({@link ActiveHoldGuard#slotFor}), looked up once per request. With an idempotency key, a concurrent duplicate
     * of the same request answers the hold the first one created.
     */
    public Hold holdSeats(Caller caller, Event event, List<SeatId> seats, Optional<IdempotencyKeys.Key> key,
                          Optional<ActiveHoldGuard.Slot> slot) {
        // Millisecond precision: what DynamoDB conditions compare, and what clients are shown.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String holdId = UUID.randomUUID().toString();
        List<HeldSeat> held = new ArrayList<>();
        List<Ticket> tickets = new ArrayList<>();
        BigDecimal amount = BigDecimal.ZERO;
        for (SeatId seat : seats) {
            BigDecimal price = event.priceOf(seat.row());
            held.add(new HeldSeat(seat.toString(), seat.row(), seat.column(), price));
            tickets.add(new Ticket(UUID.randomUUID().toString(), holdId, event.id(), caller.userId(), seat.toString(),
                    seat.row(), seat.column(), TicketStatus.PENDING, null));
            amount = amount.add(price);
        }
        Hold hold = new Hold(holdId, event.id(), caller.userId(), HoldStatus.ACTIVE, held, tickets, amount,
                event.currency(), now, now.plus(config.holdDuration()));

        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < seats.size(); i++) {
            items.add(TransactWriteItem.builder().update(take(event, seats.get(i), hold, tickets.get(i), now)).build());
        }
        for (Ticket ticket : tickets) {
            items.add(TransactWriteItem.builder().put(newItem(HoldItems.ticket(ticket, now))).build());
        }
        items.add(TransactWriteItem.builder().put(newItem(HoldItems.meta(hold))).build());
        items.add(TransactWriteItem.builder().put(newItem(HoldItems.lease(hold))).build());
        int guardIndex = -1;
        if (slot.isPresent()) {
            guardIndex = items.size();
            items.add(TransactWriteItem.builder().put(guard.claim(hold, slot.get(), now)).build());
        }
        int keyIndex = -1;
        if (key.isPresent()) {
            keyIndex = items.size();
            items.add(TransactWriteItem.builder().put(idempotency.record(key.get(), holdId, now)).build());
        }
        try {
            // The hold id as request token makes the SDK's own retries of this call idempotent.
            dynamo.transactWriteItems(b -> b.transactItems(items).clientRequestToken(holdId));
            snapshots.invalidate(event.id());
        } catch (TransactionCanceledException cancelled) {
            List<Integer> contested = Transactions.contestedItems(cancelled);
            if (contested.contains(keyIndex)) {
                String first = idempotency.recorded(key.get()).orElseThrow(() -> cancelled);
                return holds.find(first).orElseThrow(() -> cancelled);
            }
            if (contested.contains(guardIndex)) {
                // Another request took the last slot meanwhile: answer with the holds that have them now.
                guard.freeSlot(caller.userId(), event.id(), now);
                throw ActiveHoldGuard.limitReached(List.of());
            }
            List<String> taken = contested.stream()
                    .filter(index -> index < seats.size())
                    .map(index -> seats.get(index).toString())
                    .toList();
            if (taken.isEmpty()) {
                throw cancelled;
            }
            throw new SeatsUnavailableException(taken);
        }
        return hold;
    }

    private Update take(Event event, SeatId seat, Hold hold, Ticket ticket, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(SeatAvailability.holdableValues(now));
        values.put(":hold", Attr.s(hold.id()));
        values.put(":ticket", Attr.s(ticket.id()));
        values.put(":user", Attr.s(hold.userId()));
        values.put(":expires", Attr.n(hold.expiresAt().toEpochMilli()));
        values.put(":reservedAt", Attr.n(now.toEpochMilli()));
        return Update.builder()
                .tableName(config.tableName())
                .key(SeatItems.key(event, seat))
                .updateExpression("SET #status = :reserved, reserved_at = :reservedAt, expires_at = :expires, "
                        + "hold_id = :hold, ticket_id = :ticket, user_id = :user")
                .conditionExpression(SeatAvailability.HOLDABLE)
                .expressionAttributeNames(SeatAvailability.holdableNames())
                .expressionAttributeValues(values)
                .build();
    }

    private Put newItem(Map<String, AttributeValue> item) {
        return Put.builder().tableName(config.tableName()).item(item).conditionExpression("attribute_not_exists(pk)").build();
    }
}
