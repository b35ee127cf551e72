package dev.ticketing.holds;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Ends an unpaid purchase session in ONE transaction: the hold becomes RELEASED (or EXPIRED when its time is
 * up), its tickets CANCELLED, its lease and its active-hold slot are deleted and every seat still held by it
 * becomes AVAILABLE. A seat
 * that an expired hold lost to someone else is left alone: each seat's update is conditioned on its hold id.
 */
@Singleton
public class ReleaseHold {
    private static final int ATTEMPTS = 5;

    private final Table table;
    private final HoldReader holds;
    private final EventReader events;
    private final Clock clock;
    private final ActiveHoldGuard guard;
    private final SeatMapCache snapshots;
    private final SeatBatches seatStore;
    private final HoldItems holdItems;
    private final TicketItems ticketItems;
    private final SeatItems seatItems;

    public ReleaseHold(Table table, HoldReader holds, EventReader events, Clock clock, ActiveHoldGuard guard,
                       SeatMapCache snapshots, SeatBatches seatStore) {
        this.table = table;
        this.holds = holds;
        this.events = events;
        this.clock = clock;
        this.guard = guard;
        this.snapshots = snapshots;
        this.seatStore = seatStore;
        this.holdItems = new HoldItems(table);
        this.ticketItems = new TicketItems(table);
        this.seatItems = new SeatItems(table);
    }

    /** The caller gives the hold up. Releasing a hold that has already ended is a no-op; a paid one is a 409. */
    public void release(Caller caller, String holdId) {
        holds.ownedBy(caller, holdId);
        end(holdId, HoldStatus.RELEASED);
    }

    /**
     * Ends the hold as {@code outcome} (RELEASED, or EXPIRED when it is out of time anyway). Safe to repeat:
     * a hold that storage no longer has ACTIVE is left as it is. Returns true when this call ended it, false when
     * storage already had it ended (by a release, the other expiry trigger or a repeated event).
     */
    public boolean end(String holdId, HoldStatus outcome) {
        return end(holdId, outcome, Optional.empty());
    }

    /**
     * Ends the hold as {@code outcome} together with {@code alsoWrite} (in the same transaction: e.g. its payment
     * failing), or not at all. Safe to repeat like {@link #end(String, HoldStatus)}, and answers the same.
     */
    public boolean end(String holdId, HoldStatus outcome, Optional<TransactWriteItem> alsoWrite) {
        for (int attempt = 1; ; attempt++) {
            StoredHold stored = holds.load(holdId).orElseThrow(() -> new IllegalStateException("no hold " + holdId));
            Hold hold = stored.hold();
            if (stored.storedStatus() == HoldStatus.PAID) {
                throw new ConflictException("hold-paid", "Hold is paid",
                        "Hold " + holdId + " is paid and cannot be released", Map.of());
            }
            if (!stored.open()) {
                return false;
            }
            HoldStatus finalStatus = hold.status() == HoldStatus.EXPIRED ? HoldStatus.EXPIRED : outcome;
            Transaction ending = ending(stored, finalStatus, ActiveHoldGuard.SlotLookup.forAttempt(attempt));
            alsoWrite.ifPresent(write -> ending.add(Role.PAYMENT, write));
            TransactionResult result = ending.commit();
            if (result.committed()) {
                snapshots.invalidate(hold.eventId());
                return true;
            }
            // The hold changed (paid, or ended by another call), a seat changed hands between our read and the
            // write, or the slot the hold names was claimed by another hold after this one's time was up: read
            // again and decide again (the slot by query).
            if (attempt == ATTEMPTS) {
                throw result.cause();
            }
        }
    }

    private Transaction ending(StoredHold stored, HoldStatus finalStatus, ActiveHoldGuard.SlotLookup slotLookup) {
        Hold hold = stored.hold();
        Transaction transaction = table.transaction();
        transaction.add(Role.HOLD, holdItems.end(hold.id(), finalStatus, clock.instant()));
        for (Ticket ticket : hold.tickets()) {
            if (ticket.status() == TicketStatus.PENDING) {
                transaction.add(Role.TICKET, ticket.id(), ticketItems.cancel(hold.id(), ticket.id()));
            }
        }
        Event event = events.get(hold.eventId());
        for (SeatId seat : seatsStillHeldBy(hold, event)) {
            transaction.add(Role.SEAT, seat.toString(), seatItems.release(event, seat, hold.id()));
        }
        transaction.add(Role.LEASE, holdItems.deleteLease(hold.id()));
        guard.release(transaction, stored, slotLookup);
        return transaction;
    }

    /** Which of the hold's seats it still holds; only those are given back. */
    private List<SeatId> seatsStillHeldBy(Hold hold, Event event) {
        List<SeatId> seats = hold.seats().stream().map(seat -> new SeatId(seat.row(), seat.column())).toList();
        Map<SeatId, SeatItems.StoredSeat> stored = seatStore.read(event, seats);
        return seats.stream().filter(seat -> stored.containsKey(seat) && stored.get(seat).heldBy(hold.id())).toList();
    }
}
