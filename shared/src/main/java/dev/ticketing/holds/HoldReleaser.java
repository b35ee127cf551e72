package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.Event;
import dev.ticketing.events.EventStore;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.seats.SeatId;
import dev.ticketing.seats.SeatItems;
import dev.ticketing.seats.SeatMapSnapshots;
import dev.ticketing.seats.SeatStore;
import dev.ticketing.seats.SeatStatus;
import dev.ticketing.store.Attr;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Ends an unpaid purchase session in ONE transaction: the hold becomes RELEASED (or EXPIRED when its time is
 * up), its tickets CANCELLED, its lease and its active-hold slot are deleted and every seat still held by it
 * becomes AVAILABLE. A seat
 * that an expired hold lost to someone else is left alone: each seat's update is conditioned on its hold id.
 */
@Singleton
public class HoldReleaser {
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final HoldStore holds;
    private final EventStore events;
    private final TicketingConfig config;
    private final Clock clock;
    private final ActiveHoldGuard guard;
    private final SeatMapSnapshots snapshots;
    private final SeatStore seatStore;

    public HoldReleaser(DynamoDbClient dynamo, HoldStore holds, EventStore events, TicketingConfig config, Clock clock,
                        ActiveHoldGuard guard, SeatMapSnapshots snapshots, SeatStore seatStore) {
        this.seatStore = seatStore;
        this.guard = guard;
        this.snapshots = snapshots;
        this.dynamo = dynamo;
        this.holds = holds;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** The caller gives the hold up. Releasing a hold that has already ended is a no-op; a paid one is a 409. */
    public void release(Caller caller, String holdId) {
        holds.ownedBy(caller, holdId);
        end(holdId, HoldStatus.RELEASED);
    }

    /**
     * Ends the hold as {@code outcome} (RELEASED, or EXPIRED when it is out of time anyway). Safe to repeat:
     * a hold that storage no longer has ACTIVE is left as it is.
     */
    public void end(String holdId, HoldStatus outcome) {
        for (int attempt = 1; ; attempt++) {
            StoredHold stored = holds.load(holdId).orElseThrow(() -> new IllegalStateException("no hold " + holdId));
            Hold hold = stored.hold();
            if (stored.storedStatus() == HoldStatus.PAID) {
                throw new ConflictException("hold-paid", "Hold is paid",
                        "Hold " + holdId + " is paid and cannot be released", Map.of());
            }
            if (!stored.open()) {
                return;
            }
            HoldStatus finalStatus = hold.status() == HoldStatus.EXPIRED ? HoldStatus.EXPIRED : outcome;
            try {
                dynamo.transactWriteItems(b -> b.transactItems(endItems(hold, finalStatus)));
                snapshots.invalidate(hold.eventId());
                return;
            } catch (TransactionCanceledException raced) {
                // The hold changed (paid, or ended by another call) or a seat changed hands between our read and
                // the write: read again and decide again.
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private List<TransactWriteItem> endItems(Hold hold, HoldStatus finalStatus) {
        String table = config.tableName();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(HoldItems.metaKey(hold.id()))
                .updateExpression("SET #status = :final, ended_at = :now REMOVE #expiryShard")
                .conditionExpression("#status = :active")
                .expressionAttributeNames(Map.of("#status", HoldItems.STATUS, "#expiryShard", ExpiryIndex.SHARD))
                .expressionAttributeValues(Map.of(
                        ":final", Attr.s(finalStatus.name()),
                        ":active", Attr.s(HoldStatus.ACTIVE.name()),
                        ":now", Attr.s(clock.instant().toString())))
                .build()).build());
        for (Ticket ticket : hold.tickets()) {
            if (ticket.status() == TicketStatus.PENDING) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(HoldItems.ticketKey(hold.id(), ticket.id()))
                        .updateExpression("SET #status = :cancelled")
                        .conditionExpression("#status = :pending")
                        .expressionAttributeNames(Map.of("#status", HoldItems.STATUS))
                        .expressionAttributeValues(Map.of(
                                ":cancelled", Attr.s(TicketStatus.CANCELLED.name()),
                                ":pending", Attr.s(TicketStatus.PENDING.name())))
                        .build()).build());
            }
        }
        Event event = events.get(hold.eventId());
        for (SeatId seat : seatsStillHeldBy(hold, event)) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(SeatItems.key(event, seat))
                    .updateExpression("SET #status = :available REMOVE reserved_at, expires_at, hold_id, ticket_id, user_id")
                    .conditionExpression("#status = :reserved AND hold_id = :hold")
                    .expressionAttributeNames(Map.of("#status", SeatItems.STATUS))
                    .expressionAttributeValues(Map.of(
                            ":available", Attr.s(SeatStatus.AVAILABLE.name()),
                            ":reserved", Attr.s(SeatStatus.RESERVED.name()),
                            ":hold", Attr.s(hold.id())))
                    .build()).build());
        }
        items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(HoldItems.leaseKey(hold.id())).build()).build());
        guard.release(hold).ifPresent(freeSlot -> items.add(TransactWriteItem.builder().delete(freeSlot).build()));
        return items;
    }

    /** Which of the hold's seats it still holds; only those are given back. */
    private List<SeatId> seatsStillHeldBy(Hold hold, Event event) {
        List<SeatId> seats = hold.seats().stream().map(seat -> new SeatId(seat.row(), seat.column())).toList();
        Map<SeatId, SeatStore.StoredSeat> stored = seatStore.read(event, seats);
        return seats.stream().filter(seat -> stored.containsKey(seat) && stored.get(seat).heldBy(hold.id())).toList();
    }
}
