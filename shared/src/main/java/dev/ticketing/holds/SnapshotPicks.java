package dev.ticketing.holds;

import dev.ticketing.holds.model.PlacedHold;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.allocation.EventAllocator;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.choice.SeatChooser;
import dev.ticketing.seats.choice.SeatGrid;
import dev.ticketing.seats.map.SeatMap;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.seats.model.Seat;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The previous best-available design, kept only so the benchmark can compare it with {@link EventAllocator}
 * ({@code BEST_AVAILABLE_STRATEGY=snapshot}): up to six optimistic picks from the instance's seat-map snapshot (up
 * to a second old), random among a widening set of the best 64 candidates after a lost race, then 409. It refuses
 * buyers while seats remain and strands seats under a rush (see the README's benchmark); do not use it otherwise.
 */
@Singleton
class SnapshotPicks {
    static final int MAX_ATTEMPTS = 6;
    static final int CANDIDATES = 64;

    private final SeatMapReader seatMaps;
    private final SeatMapCache snapshots;
    private final SeatHolder seatHolder;

    SnapshotPicks(SeatMapReader seatMaps, SeatMapCache snapshots, SeatHolder seatHolder) {
        this.seatMaps = seatMaps;
        this.snapshots = snapshots;
        this.seatHolder = seatHolder;
    }

    PlacedHold pickAndHold(Caller caller, Event event, int quantity, boolean together,
                                     Optional<IdempotencyKeys.Key> key, Optional<ActiveHoldGuard.Slot> slot) {
        SeatChooser chooser = new SeatChooser();
        SeatGrid free = freeSeats(snapshots.current(event.id()).map());
        List<List<SeatId>> candidates = candidates(chooser, free, together, quantity);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !candidates.isEmpty(); attempt++) {
            int spread = Math.min(candidates.size(), 1 << (3 * (attempt - 1)));
            List<SeatId> pick = candidates.get(ThreadLocalRandom.current().nextInt(spread));
            try {
                return new PlacedHold(seatHolder.holdSeats(caller, event, SeatHolder.Pick.of(pick), key, slot),
                        attempt, false);
            } catch (SeatsUnavailableException lost) {
                Set<SeatId> taken = lost.unavailableSeats().stream().map(SeatId::parse).collect(Collectors.toSet());
                free = free.taking(taken);
                candidates = candidates.stream().filter(c -> c.stream().noneMatch(taken::contains)).toList();
                if (candidates.isEmpty() && attempt < MAX_ATTEMPTS) {
                    free = freeSeats(seatMaps.read(event.id()));
                    candidates = candidates(chooser, free, together, quantity);
                }
            }
        }
        throw EventAllocator.notEnoughSeats(quantity, together);
    }

    private static List<List<SeatId>> candidates(SeatChooser chooser, SeatGrid free, boolean together, int quantity) {
        if (together) {
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
