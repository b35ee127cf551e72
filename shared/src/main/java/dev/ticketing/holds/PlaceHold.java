package dev.ticketing.holds;

import dev.ticketing.holds.model.PlacedHold;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.SingleSeatRule;
import dev.ticketing.holds.allocation.BestAvailableRequests;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.ExactView;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.holds.model.SeatPreference;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.SingleSeatException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.seats.choice.LoneSeats;
import dev.ticketing.seats.choice.SeatGrid;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.model.SeatId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /events/{id}/holds}: replays an idempotent retry, refuses an event still being created and outside the
 * sales window, holds the seats
 * asked for by id (under the event's {@link SingleSeatRule}), or has the event's allocator pick the best seats for a
 * quantity ("N together", or split) and hold them ({@link BestAvailableRequests}); a quantity request not placed within
 * {@code BEST_AVAILABLE_WAIT} answers {@link PlacedHold#pending}, followed with {@link FollowHoldRequest}.
 */
@Singleton
public class PlaceHold {
    /** Rounds of "read the neighbours, hold" for a pick by id under {@code forbid} before giving up with 409. */
    static final int FORBID_ATTEMPTS = 3;

    private final EventReader events;
    private final SeatHolder seatHolder;
    private final HoldReader holds;
    private final IdempotencyKeys idempotency;
    private final TicketingConfig config;
    private final ActiveHoldGuard guard;
    private final Clock clock;
    private final BestAvailableRequests requests;
    private final SeatBatches seats;

    public PlaceHold(EventReader events, SeatHolder seatHolder, HoldReader holds, IdempotencyKeys idempotency,
                     TicketingConfig config, ActiveHoldGuard guard, Clock clock, BestAvailableRequests requests,
                     SeatBatches seats) {
        this.events = events;
        this.seatHolder = seatHolder;
        this.holds = holds;
        this.idempotency = idempotency;
        this.config = config;
        this.guard = guard;
        this.clock = clock;
        this.requests = requests;
        this.seats = seats;
    }

    public PlacedHold place(Caller caller, String eventId, HoldRequest request, String idempotencyKey) {
        Event event = events.get(eventId);
        Optional<IdempotencyKeys.Key> key = IdempotencyKeys.of("holds", caller.userId(), idempotencyKey,
                eventId + "\n" + request);
        if (key.isPresent()) {
            Optional<Hold> first = idempotency.recorded(key.get()).flatMap(holds::find);
            if (first.isPresent()) {
                return new PlacedHold(first.get(), 0, true);
            }
        }
        event.requireOnSale();
        event.requireSalesOpen(clock.instant());
        try {
            return request.byQuantity()
                    ? bestAvailable(caller, event, request, key)
                    : holdById(caller, event, request, key);
        } catch (TicketingException refused) {
            // A concurrent duplicate of this request may have won (its seats, its slot): then that is the answer.
            Optional<Hold> first = key.flatMap(idempotency::recorded).flatMap(holds::find);
            if (first.isPresent()) {
                return new PlacedHold(first.get(), 0, true);
            }
            throw refused;
        }
    }

    private PlacedHold bestAvailable(Caller caller, Event event, HoldRequest request, Optional<IdempotencyKeys.Key> key) {
        int quantity = request.quantity(config.maxSeatsPerHold());
        // The first slot is checked by the hold's transaction, whoever places it (a taken one is looked up then).
        Optional<ActiveHoldGuard.Slot> slot = guard.firstSlot();
        SeatPreference preference = request.preference(event);
        return requests.request(caller, event, quantity, request.mustBeTogether(), preference, key, slot);
    }

    /**
     * Exactly the seats asked for. Under {@code forbid}, a pick that would leave a new lone empty seat is refused
     * with 422 {@code single-seat} and the nearest block of the same size that strands nobody; a pick that strands
     * nobody is held on condition that the seats it rests on are still free ({@link LoneSeats#guards}), so a
     * concurrent neighbour cannot make it strand one after all (then it is looked at again).
     */
    private PlacedHold holdById(Caller caller, Event event, HoldRequest request, Optional<IdempotencyKeys.Key> key) {
        List<SeatId> asked = request.seatsOf(event, config.maxSeatsPerHold());
        // No query of the user's slots: the hold's transaction checks the first one (a taken one is looked up then).
        Optional<ActiveHoldGuard.Slot> slot = guard.firstSlot();
        if (event.singleSeatRule() == SingleSeatRule.ALLOW) {
            return new PlacedHold(seatHolder.holdSeats(caller, event, SeatHolder.Pick.of(asked), key, slot), 1, false);
        }
        for (int attempt = 1; ; attempt++) {
            SeatGrid near = ExactView.around(seats, event, asked, clock.instant());
            List<SeatId> guards = List.of();
            if (asked.stream().allMatch(near::isFree)) {
                // (a pick of a seat that is taken is refused by its transaction, naming the seat: 409)
                List<SeatId> stranded = LoneSeats.strandedBy(near, asked);
                if (!stranded.isEmpty()) {
                    SeatGrid hall = ExactView.of(seats, event, clock.instant());
                    throw new SingleSeatException(stranded.stream().map(SeatId::toString).toList(),
                            LoneSeats.nearestBlock(hall, asked.size(), asked.get(0)).stream()
                                    .map(SeatId::toString).toList());
                }
                guards = LoneSeats.guards(near, asked);
            }
            try {
                return new PlacedHold(seatHolder.holdSeats(caller, event, new SeatHolder.Pick(asked, guards), key, slot),
                        attempt, false);
            } catch (SeatHolder.GuardLostException neighbourChanged) {
                if (attempt == FORBID_ATTEMPTS) {
                    throw neighbourChanged;
                }
            }
        }
    }
}
