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
import dev.ticketing.seats.SeatMapService;
import dev.ticketing.seats.SeatStatus;
import dev.ticketing.seats.choice.SeatChooser;
import dev.ticketing.seats.choice.SeatGrid;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /events/{id}/holds}: replays an idempotent retry, holds the seats asked for by id, or picks the best
 * seats for a quantity ("N together", or split when allowed) and holds them, trying the next best pick when a
 * concurrent buyer wins a seat first, a bounded number of times.
 */
@Singleton
public class HoldPlacement {
    /** Picks tried before answering 409 when others keep winning the chosen seats. */
    static final int MAX_ATTEMPTS = 6;

    /** The hold, how many picks it took, and whether it is the answer to an earlier request with the same key. */
    public record Placed(Hold hold, int attempts, boolean replayed) {
    }

    private final EventStore events;
    private final SeatMapService seatMaps;
    private final SeatHolder seatHolder;
    private final HoldStore holds;
    private final IdempotencyKeys idempotency;
    private final TicketingConfig config;

    public HoldPlacement(EventStore events, SeatMapService seatMaps, SeatHolder seatHolder, HoldStore holds,
                         IdempotencyKeys idempotency, TicketingConfig config) {
        this.events = events;
        this.seatMaps = seatMaps;
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
                    : new Placed(seatHolder.holdSeats(caller, event, request.seatsOf(event, config.maxSeatsPerHold()), key), 1, false);
        } catch (TicketingException refused) {
            // A concurrent duplicate of this request may have won (its seats, its slot): then that is the answer.
            Optional<Hold> first = key.flatMap(idempotency::recorded).flatMap(holds::find);
            if (first.isPresent()) {
                return new Placed(first.get(), 0, true);
            }
            throw refused;
        }
    }

    /**
     * The first pick is the best there is. A pick lost to a concurrent buyer means others are choosing from the same
     * seats right now: read the seats again and pick at random among a widening set of the best candidates, so that
     * a crowd asking at once spreads over the good seats instead of all colliding on the single best one.
     */
    private Placed pickAndHold(Caller caller, Event event, HoldRequest request, Optional<IdempotencyKeys.Key> key) {
        int quantity = request.quantity(config.maxSeatsPerHold());
        SeatChooser chooser = new SeatChooser();
        SeatGrid free = freeSeats(event);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<SeatId> pick;
            if (request.mustBeTogether()) {
                List<List<SeatId>> candidates = chooser.together(free, quantity, 1 << (2 * (attempt - 1)));
                pick = candidates.isEmpty() ? List.of()
                        : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            } else {
                pick = chooser.best(free, quantity);
            }
            if (pick.isEmpty()) {
                break;
            }
            try {
                return new Placed(seatHolder.holdSeats(caller, event, pick, key), attempt, false);
            } catch (SeatsUnavailableException lost) {
                free = freeSeats(event).taking(lost.unavailableSeats().stream().map(SeatId::parse).toList());
            }
        }
        throw new ConflictException("not-enough-seats", "Not enough seats",
                request.mustBeTogether()
                        ? "No " + quantity + " adjacent seats are available in one row"
                        : "Fewer than " + quantity + " seats are available",
                Map.of("quantity", quantity));
    }

    private SeatGrid freeSeats(Event event) {
        SeatGrid.Builder grid = SeatGrid.builder(event.rows(), event.columns());
        for (Seat seat : seatMaps.read(event.id()).seats()) {
            if (seat.status() == SeatStatus.AVAILABLE) {
                grid.free(seat.row(), seat.column());
            }
        }
        return grid.build();
    }
}
