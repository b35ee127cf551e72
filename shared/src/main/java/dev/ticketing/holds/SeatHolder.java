package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.Event;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.SeatId;
import dev.ticketing.seats.SeatItems;
import dev.ticketing.seats.SeatMapSnapshots;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.Transaction.Role;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketItems;
import dev.ticketing.tickets.TicketStatus;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds seats for a user: ONE transaction that takes every seat under the availability condition, creates a
 * PENDING ticket per seat, the hold and its lease, claims one of the user's active-hold slots for the event and
 * records the idempotency key. Either all of it happens or none.
 */
@Singleton
public class SeatHolder {
    private final Table table;
    private final TicketingConfig config;
    private final Clock clock;
    private final ActiveHoldGuard guard;
    private final IdempotencyKeys idempotency;
    private final HoldStore holds;
    private final SeatMapSnapshots snapshots;
    private final SeatItems seatItems;
    private final TicketItems ticketItems;
    private final HoldItems holdItems;

    public SeatHolder(Table table, TicketingConfig config, Clock clock, ActiveHoldGuard guard,
                      IdempotencyKeys idempotency, HoldStore holds, SeatMapSnapshots snapshots, SeatItems seatItems,
                      TicketItems ticketItems, HoldItems holdItems) {
        this.table = table;
        this.config = config;
        this.clock = clock;
        this.guard = guard;
        this.idempotency = idempotency;
        this.holds = holds;
        this.snapshots = snapshots;
        this.seatItems = seatItems;
        this.ticketItems = ticketItems;
        this.holdItems = holdItems;
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

        Transaction transaction = table.transaction();
        for (int i = 0; i < seats.size(); i++) {
            transaction.add(Role.SEAT, seats.get(i).toString(), seatItems.take(event, seats.get(i), holdId,
                    tickets.get(i).id(), hold.userId(), hold.expiresAt(), now));
        }
        for (Ticket ticket : tickets) {
            transaction.add(Role.TICKET, ticket.id(), ticketItems.create(ticket, now));
        }
        transaction.add(Role.HOLD, holdItems.create(hold));
        transaction.add(Role.LEASE, holdItems.createLease(hold));
        slot.ifPresent(free -> transaction.add(Role.ACTIVE_HOLD_SLOT, guard.claim(hold, free, now)));
        key.ifPresent(k -> transaction.add(Role.IDEMPOTENCY_KEY, idempotency.record(k, holdId, now)));
        // The hold id as request token makes the SDK's own retries of this call idempotent.
        TransactionResult result = transaction.commit(holdId);
        if (result.committed()) {
            snapshots.invalidate(event.id());
            return hold;
        }
        if (result.contested(Role.IDEMPOTENCY_KEY)) {
            String first = idempotency.recorded(key.get()).orElseThrow(result::cause);
            return holds.find(first).orElseThrow(result::cause);
        }
        if (result.contested(Role.ACTIVE_HOLD_SLOT)) {
            // Another request took the last slot meanwhile: answer with the holds that have them now.
            guard.freeSlot(caller.userId(), event.id(), now);
            throw ActiveHoldGuard.limitReached(List.of());
        }
        throw result.asProblem();
    }
}
