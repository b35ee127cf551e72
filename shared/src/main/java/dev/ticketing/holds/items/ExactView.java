package dev.ticketing.holds.items;

import dev.ticketing.events.model.Event;
import dev.ticketing.seats.choice.SeatGrid;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatAvailability;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Which seats are free, read strongly consistently from the table (never from a seat-map snapshot). */
public final class ExactView {
    private ExactView() {
    }

    /** Every seat of the event, free as the hold condition would find it at {@code now}. */
    public static SeatGrid of(SeatBatches seats, Event event, Instant now) {
        SeatGrid.Builder grid = SeatGrid.builder(event.rows(), event.columns());
        for (SeatItems.StoredSeat seat : seats.readAll(event)) {
            if (free(seat, now)) {
                grid.free(seat.id());
            }
        }
        return grid.build();
    }

    /**
     * The seats of {@code pick} and the two seats on each side of each in its row, as free as at {@code now}; every
     * other seat of the hall counts as taken. Enough to tell what the pick strands and which seats it rests on.
     */
    public static SeatGrid around(SeatBatches seats, Event event, Collection<SeatId> pick, Instant now) {
        Set<SeatId> near = new LinkedHashSet<>();
        for (SeatId seat : pick) {
            for (int offset = -2; offset <= 2; offset++) {
                if (event.contains(seat.row(), seat.column() + offset)) {
                    near.add(new SeatId(seat.row(), seat.column() + offset));
                }
            }
        }
        SeatGrid.Builder grid = SeatGrid.builder(event.rows(), event.columns());
        for (Map.Entry<SeatId, SeatItems.StoredSeat> seat : seats.read(event, near).entrySet()) {
            if (free(seat.getValue(), now)) {
                grid.free(seat.getKey());
            }
        }
        return grid.build();
    }

    private static boolean free(SeatItems.StoredSeat seat, Instant now) {
        return SeatAvailability.visibleStatus(seat.status(), seat.expiresAtMillis(), now) == SeatStatus.AVAILABLE;
    }
}
