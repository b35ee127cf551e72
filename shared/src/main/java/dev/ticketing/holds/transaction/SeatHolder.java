package dev.ticketing.holds.transaction;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems;
import dev.ticketing.holds.allocation.items.AllocationQueueItems;
import dev.ticketing.holds.allocation.items.AllocationRequest;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldRateGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds seats for a user: ONE transaction that takes every seat under the availability condition, checks that the
 * seats its not stranding anyone rests on are still free (the pick's guards), creates a PENDING ticket per seat, the
 * hold and its lease, claims one of the user's active-hold slots for the event, one of their open-hold slots across
 * events and one of their hold-rate slots for the event (at most so many holds in any rolling hour), records the idempotency key and, for a queued best-available request, takes it out of the queue with its
 * answer. Either all of it happens or none. Only while the event's sales are open.
 */
@Singleton
public class SeatHolder {
    /** Seats to take, and the free seats that must still be free for the pick to strand nobody. */
    public record Pick(List<SeatId> seats, List<SeatId> guards) {
        public static Pick of(List<SeatId> seats) {
            return new Pick(seats, List.of());
        }
    }

    /** A seat the pick rested on was taken meanwhile: holding now would strand a neighbour. Nothing was held. */
    public static final class GuardLostException extends ConflictException {
        private final List<String> guards;

        GuardLostException(List<String> guards) {
            super("neighbour-taken", "Neighbouring seat taken",
                    "A seat next to the ones asked for was taken meanwhile; holding them now would leave a lone seat",
                    Map.of("seats", List.copyOf(guards)));
            this.guards = List.copyOf(guards);
        }

        public List<String> guards() {
            return guards;
        }
    }

    /** A concurrent request with the same idempotency key won: its hold is the answer. Nothing was held. */
    public static final class DuplicateRequestException extends RuntimeException {
        private final String firstHoldId;

        public DuplicateRequestException(String firstHoldId) {
            super(null, null, false, false);
            this.firstHoldId = firstHoldId;
        }

        public String firstHoldId() {
            return firstHoldId;
        }
    }

    /** The queued request was answered or withdrawn meanwhile: nothing was held for it. */
    public static final class RequestWithdrawnException extends RuntimeException {
        public RequestWithdrawnException() {
            super(null, null, false, false);
        }
    }

    /**
     * Transactions one hold may take for its slots (per event, across events, rate): the first ones, free ones
     * looked up, once more if raced.
     */
    static final int SLOT_ROUNDS = 4;

    private final Table table;
    private final TicketingConfig config;
    private final Clock clock;
    private final ActiveHoldGuard guard;
    private final IdempotencyKeys idempotency;
    private final HoldReader holds;
    private final SeatMapCache snapshots;
    private final SeatItems seatItems;
    private final TicketItems ticketItems;
    private final HoldItems holdItems;
    private final HoldRateGuard rate;
    private final AllocationQueueItems queue;
    private final AllocationOutcomeItems outcomes;

    public SeatHolder(Table table, TicketingConfig config, Clock clock, ActiveHoldGuard guard,
                      IdempotencyKeys idempotency, HoldReader holds, SeatMapCache snapshots, HoldRateGuard rate) {
        this.rate = rate;
        this.queue = new AllocationQueueItems(table);
        this.outcomes = new AllocationOutcomeItems(table);
        this.table = table;
        this.config = config;
        this.clock = clock;
        this.guard = guard;
        this.idempotency = idempotency;
        this.holds = holds;
        this.snapshots = snapshots;
        this.seatItems = new SeatItems(table);
        this.ticketItems = new TicketItems(table);
        this.holdItems = new HoldItems(table);
    }

    /**
     * Holds exactly these seats of the event, or throws {@link SeatsUnavailableException} naming the taken ones,
     * or a 409 {@code active-hold-limit} naming the user's open holds when all their slots are taken. {@code slot} is
     * the slot to try first ({@link ActiveHoldGuard#firstSlot}, read from nowhere); only when the transaction finds it
     * taken are the user's slots queried and the hold tried again with a free one (at most {@link #SLOT_ROUNDS}
     * transactions). With an idempotency key, a concurrent duplicate of the same request answers the hold the first
     * one created.
     */
    public Hold holdSeats(Caller caller, Event event, Pick pick, Optional<IdempotencyKeys.Key> key,
                          Optional<ActiveHoldGuard.Slot> slot) {
        return holdSeats(caller, event, pick, key, slot, Optional.empty(), 1);
    }

    /**
     * The same for a queued best-available request, answered in the same transaction: it leaves the queue and its
     * outcome (this hold, after {@code attempts} picks) is recorded. Throws {@link RequestWithdrawnException} when
     * it was answered or withdrawn meanwhile.
     */
    public Hold holdSeats(Caller caller, Event event, Pick pick, Optional<IdempotencyKeys.Key> key,
                   Optional<ActiveHoldGuard.Slot> slot, Optional<AllocationRequest> request, int attempts) {
        // Millisecond precision: what DynamoDB conditions compare, and what clients are shown.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        event.requireSalesOpen(now);
        Hold hold = Hold.newHold(event, caller.userId(), pick.seats(), now, config.holdDuration());
        String holdId = hold.id();

        Slots claim = new Slots(slot, guard.firstAccountSlot(), rate.firstSlot(now));
        for (int round = 1; ; round++) {
            // The hold id as request token makes the SDK's own retries of this call idempotent; a round with another
            // slot is another call, and DynamoDB refuses a token sent again with other items.
            String token = round == 1 ? holdId : UUID.randomUUID().toString();
            TransactionResult result = writes(event, pick, hold, claim, key, request, attempts, now).commit(token);
            if (result.committed()) {
                snapshots.invalidate(event.id());
                return hold;
            }
            if (result.contested(Role.ALLOCATION_REQUEST) || result.contested(Role.ALLOCATION_OUTCOME)) {
                throw new RequestWithdrawnException();
            }
            if (result.contested(Role.ACTIVE_HOLD_SLOT) || result.contested(Role.ACCOUNT_HOLD_SLOT)
                    || result.contested(Role.HOLD_RATE_SLOT)) {
                // A slot tried is taken (the user has an open hold here or elsewhere, held recently, or another
                // request of theirs is committing): look up a free one of each kind taken, or 409/429 saying why,
                // before anything else, as a user over a limit is answered whatever the seats.
                if (result.contested(Role.ACTIVE_HOLD_SLOT)) {
                    claim = claim.withEvent(guard.freeSlot(caller.userId(), event.id(), now));
                }
                if (result.contested(Role.ACCOUNT_HOLD_SLOT)) {
                    claim = claim.withAccount(guard.freeAccountSlot(caller.userId(), event.id(), now));
                }
                if (result.contested(Role.HOLD_RATE_SLOT)) {
                    claim = claim.withRate(rate.freeSlot(caller.userId(), event.id(), now));
                }
                if (round == SLOT_ROUNDS) {
                    // raced every round by the user's own concurrent requests: they have the slots
                    throw result.contested(Role.ACTIVE_HOLD_SLOT) ? ActiveHoldGuard.limitReached(List.of())
                            : result.contested(Role.ACCOUNT_HOLD_SLOT) ? guard.accountLimitReached(List.of())
                            : rate.racedByOwnRequests();
                }
                continue;
            }
            if (!result.contestedSeats().isEmpty()) {
                throw new SeatsUnavailableException(result.contestedSeats());
            }
            if (result.contested(Role.SEAT_GUARD)) {
                throw new GuardLostException(result.contestedIds(Role.SEAT_GUARD));
            }
            if (result.contested(Role.IDEMPOTENCY_KEY)) {
                String first = idempotency.recorded(key.get()).orElseThrow(result::cause);
                if (request.isPresent()) {
                    throw new DuplicateRequestException(first);
                }
                return holds.find(first).orElseThrow(result::cause);
            }
            throw result.asProblem();
        }
    }

    /** The slots a hold claims: per event and across events (active holds), and its rate slot for the event. */
    private record Slots(Optional<ActiveHoldGuard.Slot> event, Optional<ActiveHoldGuard.Slot> account,
                         Optional<Integer> rate) {
        Slots withEvent(ActiveHoldGuard.Slot free) {
            return new Slots(Optional.of(free), account, rate);
        }

        Slots withAccount(ActiveHoldGuard.Slot free) {
            return new Slots(event, Optional.of(free), rate);
        }

        Slots withRate(int free) {
            return new Slots(event, account, Optional.of(free));
        }
    }

    /** The hold's one transaction, claiming {@code slots}. */
    private Transaction writes(Event event, Pick pick, Hold hold, Slots slots,
                               Optional<IdempotencyKeys.Key> key, Optional<AllocationRequest> request, int attempts,
                               Instant now) {
        Transaction transaction = table.transaction();
        List<SeatId> seats = pick.seats();
        for (int i = 0; i < seats.size(); i++) {
            transaction.add(Role.SEAT, seats.get(i).toString(), seatItems.take(event, seats.get(i), hold.id(),
                    hold.tickets().get(i).id(), hold.userId(), hold.expiresAt(), now));
        }
        for (SeatId guarded : pick.guards()) {
            transaction.add(Role.SEAT_GUARD, guarded.toString(), seatItems.keepFree(event, guarded, now));
        }
        for (Ticket ticket : hold.tickets()) {
            transaction.add(Role.TICKET, ticket.id(), ticketItems.create(ticket, now));
        }
        transaction.add(Role.HOLD, holdItems.create(hold, slots.event().map(ActiveHoldGuard.Slot::number),
                slots.account().map(ActiveHoldGuard.Slot::number)));
        transaction.add(Role.LEASE, holdItems.createLease(hold));
        slots.event().ifPresent(free -> transaction.add(Role.ACTIVE_HOLD_SLOT, guard.claim(hold, free, now)));
        slots.account().ifPresent(free -> transaction.add(Role.ACCOUNT_HOLD_SLOT, guard.claimAccount(hold, free, now)));
        slots.rate().ifPresent(free -> transaction.add(Role.HOLD_RATE_SLOT, rate.claim(hold, free, now)));
        key.ifPresent(k -> transaction.add(Role.IDEMPOTENCY_KEY, idempotency.record(k, hold.id(), now)));
        request.ifPresent(queued -> {
            transaction.add(Role.ALLOCATION_REQUEST, queue.dequeue(queued));
            transaction.add(Role.ALLOCATION_OUTCOME,
                    outcomes.record(queued.id(), queued.userId(), AllocationOutcomeItems.Outcome.held(hold.id(), attempts), now));
        });
        return transaction;
    }
}
