package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.Event;
import dev.ticketing.events.EventStore;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.seats.Seat;
import dev.ticketing.seats.SeatId;
import dev.ticketing.seats.SeatMap;
import dev.ticketing.seats.SeatMapService;
import dev.ticketing.seats.SeatMapSnapshots;
import dev.ticketing.seats.SeatStatus;
import dev.ticketing.seats.choice.SeatChooser;
import dev.ticketing.seats.choice.SeatGrid;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * {@code POST /events/{id}/holds}: replays an idempotent retry, holds the seats asked for by id, or picks the best
 * seats for a quantity ("N together", or split when allowed) and holds them, trying the next best pick when a
 * concurrent buyer wins a seat first, a bounded number of times.
 */
@Singleton
public class HoldPlacement {
    /** Picks tried before answering 409 when others keep winning the chosen seats. */
    static final int MAX_ATTEMPTS = 6;
    /** Best candidates ranked at once for a together request. */
    static final int CANDIDATES = 64;

    /** The hold, how many picks it took, and whether it is the answer to an earlier request with the same key. */
    public record Placed(Hold hold, int attempts, boolean replayed) {
    }

    private final EventStore events;
    private final SeatMapService seatMaps;
    private final SeatMapSnapshots snapshots;
    private final SeatHolder seatHolder;
    private final HoldStore holds;
    private final IdempotencyKeys idempotency;
    private final TicketingConfig config;
    private final ActiveHoldGuard guard;
    private final Clock clock;

    public HoldPlacement(EventStore events, SeatMapService seatMaps, SeatMapSnapshots snapshots, SeatHolder seatHolder,
                         HoldStore holds, IdempotencyKeys idempotency, TicketingConfig config, ActiveHoldGuard guard,
                         Clock clock) {
        this.guard = guard;
        this.clock = clock;
        this.events = events;
        this.seatMaps = seatMaps;
        this.snapshots = snapshots;
        this.seatHolder = seatHolder;
        this.holds = holds;
        this.idempotency = idempotency;
        this.config = config;
    }

    public Placed place(Caller caller, String eventId, HoldRequest request, String idempotencyKey) {
        Event event = events.get(eventId);
        Optional<IdempotencyKeys.Key> key = IdempotencyKeys.of("holds", caller.userId(), idempotencyKey,
                eventId + "\n" + request);
        if (key.isPresent()) {
            Optional<Hold> first = idempotency.recorded(key.get()).flatMap(holds::find);
            if (first.isPresent()) {
                return new Placed(first.get(), 0, true);
            }
        }
        try {
            return request.byQuantity()
                    ? pickAndHold(caller, event, request, key)
                    : holdById(caller, event, request, key);
        } catch (TicketingException refused) {
            // A concurrent duplicate of this request may have won (its seats, its slot): then that is the answer.
            Optional<Hold> first = key.flatMap(idempotency::recorded).flatMap(holds::find);
            if (first.isPresent()) {
                return new Placed(first.get(), 0, true);
            }
            throw refused;
        }
    }

    private Placed holdById(Caller caller, Event event, HoldRequest request, Optional<IdempotencyKeys.Key> key) {
        List<SeatId> seats = request.seatsOf(event, config.maxSeatsPerHold());
        return new Placed(seatHolder.holdSeats(caller, event, seats, key, slotOf(caller, event)), 1, false);
    }

    private Optional<ActiveHoldGuard.Slot> slotOf(Caller caller, Event event) {
        return guard.slotFor(caller.userId(), event.id(), clock.instant());
    }

    /**
     * The first pick is the best there is, chosen from the instance's seat-map snapshot (at most a second old; the
     * hold transaction re-checks every seat anyway). A pick lost to a concurrent buyer means a crowd is choosing from
     * the same seats right now: drop the candidates that overlap the lost seats and pick at random among a widening
     * set of the best remaining ones, so the crowd spreads over the good seats instead of all colliding on the single
     * best one. Only when the candidates run out are the seats read again.
     */
    private Placed pickAndHold(Caller caller, Event event, HoldRequest request, Optional<IdempotencyKeys.Key> key) {
        int quantity = request.quantity(config.maxSeatsPerHold());
        // A lost pick claims nothing, so the slot found now stays the one to claim for every pick.
        Optional<ActiveHoldGuard.Slot> slot = slotOf(caller, event);
        SeatChooser chooser = new SeatChooser();
        SeatGrid free = freeSeats(snapshots.current(event.id()).map());
        List<List<SeatId>> candidates = candidates(chooser, free, request, quantity);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !candidates.isEmpty(); attempt++) {
            int spread = Math.min(candidates.size(), 1 << (3 * (attempt - 1)));
            List<SeatId> pick = candidates.get(ThreadLocalRandom.current().nextInt(spread));
            try {
                return new Placed(seatHolder.holdSeats(caller, event, pick, key, slot), attempt, false);
            } catch (SeatsUnavailableException lost) {
                Set<SeatId> taken = lost.unavailableSeats().stream().map(SeatId::parse).collect(Collectors.toSet());
                free = free.taking(taken);
                candidates = candidates.stream().filter(c -> c.stream().noneMatch(taken::contains)).toList();
                if (candidates.isEmpty() && attempt < MAX_ATTEMPTS) {
                    free = freeSeats(seatMaps.read(event.id()));
                    candidates = candidates(chooser, free, request, quantity);
                }
            }
        }
        throw new ConflictException("not-enough-seats", "Not enough seats",
                request.mustBeTogether()
                        ? "No " + quantity + " adjacent seats are available in one row"
                        : "Fewer than " + quantity + " seats are available",
                Map.of("quantity", quantity));
    }

    private static List<List<SeatId>> candidates(SeatChooser chooser, SeatGrid free, HoldRequest request, int quantity) {
        if (request.mustBeTogether()) {
            return chooser.together(free, quantity, CANDIDATES);
        }
        List<SeatId> best = chooser.best(free, quantity);
        return best.isEmpty() ? List.of() : List.of(best);
    }

    private static SeatGrid freeSeats(SeatMap map) {
        SeatGrid.Builder grid = SeatGrid.builder(map.rows(), map.columns());
        for (Seat seat : map.seats()) {
            if (seat.status() == SeatStatus.AVAILABLE) {
                grid.free(seat.row(), seat.column());
            }
        }
        return grid.build();
    }
}
