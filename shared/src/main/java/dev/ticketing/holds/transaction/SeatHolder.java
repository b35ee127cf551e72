package dev.ticketing.holds.transaction;

import dev.ticketing.config.HoldRateConfig;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems;
import dev.ticketing.holds.allocation.items.AllocationQueueItems;
import dev.ticketing.holds.allocation.items.AllocationRequest;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldQuotaItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.input.Instants;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.problems.TooManyRequestsException;
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
 * hold and its lease, claims one of the user's active-hold slots for the event, counts the hold in the user's hourly
 * quota, records the idempotency key and, for a queued best-available request, takes it out of the queue with its
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

    /** Transactions one hold may take for its slot: the first slot, a free one looked up, once more if raced. */
    static final int SLOT_ROUNDS = 3;

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
    private final HoldQuotaItems quota;
    private final HoldRateConfig rate;
    private final AllocationQueueItems queue;
    private final AllocationOutcomeItems outcomes;

    public SeatHolder(Table table, TicketingConfig config, Clock clock, ActiveHoldGuard guard,
                      IdempotencyKeys idempotency, HoldReader holds, SeatMapCache snapshots, HoldRateConfig rate) {
        this.quota = new HoldQuotaItems(table);
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

        Optional<ActiveHoldGuard.Slot> claim = slot;
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
            if (result.contested(Role.ACTIVE_HOLD_SLOT)) {
                // The slot tried is taken (the user has an open hold, or another request of theirs is committing):
                // look up a free one, or 409 naming the open holds, before anything else, as a user over the limit
                // is answered whatever the seats.
                ActiveHoldGuard.Slot free = guard.freeSlot(caller.userId(), event.id(), now);
                if (round == SLOT_ROUNDS) {
                    throw ActiveHoldGuard.limitReached(List.of());
                }
                claim = Optional.of(free);
                continue;
            }
            if (!result.contestedSeats().isEmpty()) {
                throw new SeatsUnavailableException(result.contestedSeats());
            }
            if (result.contested(Role.SEAT_GUARD)) {
                throw new GuardLostException(result.contestedIds(Role.SEAT_GUARD));
            }
            if (result.contested(Role.HOLD_QUOTA)) {
                throw rateLimited(now);
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

    /** The hold's one transaction, claiming {@code slot}. */
    private Transaction writes(Event event, Pick pick, Hold hold, Optional<ActiveHoldGuard.Slot> slot,
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
        transaction.add(Role.HOLD, holdItems.create(hold, slot.map(ActiveHoldGuard.Slot::number)));
        transaction.add(Role.LEASE, holdItems.createLease(hold));
        slot.ifPresent(free -> transaction.add(Role.ACTIVE_HOLD_SLOT, guard.claim(hold, free, now)));
        if (rate.enabled()) {
            transaction.add(Role.HOLD_QUOTA, quota.count(hold.userId(), event.id(), rate.maxHoldsPerUserPerHour(), now));
        }
        key.ifPresent(k -> transaction.add(Role.IDEMPOTENCY_KEY, idempotency.record(k, hold.id(), now)));
        request.ifPresent(queued -> {
            transaction.add(Role.ALLOCATION_REQUEST, queue.dequeue(queued));
            transaction.add(Role.ALLOCATION_OUTCOME,
                    outcomes.record(queued.id(), AllocationOutcomeItems.Outcome.held(hold.id(), attempts), now));
        });
        return transaction;
    }

    private TooManyRequestsException rateLimited(Instant now) {
        Instant nextHour = HoldQuotaItems.hourOf(now).plus(java.time.Duration.ofHours(1));
        return new TooManyRequestsException("hold-rate-limit", "Too many holds",
                "You created " + rate.maxHoldsPerUserPerHour() + " holds for this event this hour; you can hold again at "
                        + Instants.text(nextHour),
                Map.of("maxHoldsPerUserPerHour", rate.maxHoldsPerUserPerHour(), "retryAt", Instants.text(nextHour)));
    }
}
