package dev.ticketing.holds.allocation;

import dev.ticketing.events.model.Event;
import dev.ticketing.seats.choice.SeatGrid;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems.StoredSeat;
import dev.ticketing.seats.map.items.SeatMapBlockItems.StoredBlock;
import dev.ticketing.seats.model.SeatAvailability;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * An event's seats as an allocator instance last knew them, kept between its runs so that a run does not read the
 * whole hall again: each seat's stored status, reservation expiry and version, from one strongly consistent read of
 * every seat ({@link #read}), then brought forward with the seat-map projection's block items ({@link #refresh}: a
 * seat is changed only where the block item has a newer version of it, so a lagging projection never takes a seat
 * back) and with what the allocator itself learnt (its holds and lost races: {@link #taken}).
 *
 * <p>It may miss what happened since the projection last caught up (a pick by id a moment ago), so it is never the
 * reason for a refusal: a pick from it that is taken meanwhile fails its hold's condition and is picked again, and a
 * request is refused only from a strongly consistent read of that round ({@code EventAllocator}).
 * Not thread-safe on its own: its allocator calls it under its lock.
 */
final class KeptView {
    private final int rows;
    private final int columns;
    /** Per seat, row-major: its stored status (null: no seat there), expiry while RESERVED, version. */
    private final SeatStatus[] status;
    private final long[] expiresAt;
    private final long[] version;
    /** Seats this allocator took, or lost a race on, since their version was read: taken until a newer one shows. */
    private final boolean[] takenHere;

    private KeptView(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        int seats = rows * columns;
        this.status = new SeatStatus[seats];
        this.expiresAt = new long[seats];
        this.version = new long[seats];
        this.takenHere = new boolean[seats];
    }

    /** Every seat of the event, read strongly consistently with its version: exact as of the read. */
    static KeptView read(SeatBatches seats, Event event) {
        KeptView view = new KeptView(event.rows(), event.columns());
        for (StoredSeat seat : seats.readAll(event)) {
            view.set(view.index(seat.id()), seat);
        }
        return view;
    }

    /** Whether this view is of a hall of {@code event}'s size. */
    boolean fits(Event event) {
        return rows == event.rows() && columns == event.columns();
    }

    /**
     * Applies every seat of the block items that is newer than this view's version of it; a seat the projection has
     * not caught up with keeps what this view knew.
     *
     * @return how many seats changed
     */
    int refresh(List<StoredBlock> blocks) {
        int changed = 0;
        for (StoredBlock block : blocks) {
            for (StoredSeat seat : block.changedSeats()) {
                int index = index(seat.id());
                if (index >= 0 && status[index] != null && seat.version() > version[index]) {
                    set(index, seat);
                    changed++;
                }
            }
        }
        return changed;
    }

    /** These seats are taken (held by this allocator, or found taken by a lost race) until a newer version shows. */
    void taken(Collection<SeatId> seats) {
        for (SeatId seat : seats) {
            int index = index(seat);
            if (index >= 0) {
                takenHere[index] = true;
            }
        }
    }

    /** The free seats at {@code now}: lazy expiry applied, as the hold condition would find them if nothing moved. */
    SeatGrid grid(Instant now) {
        boolean[] free = new boolean[status.length];
        for (int i = 0; i < free.length; i++) {
            free[i] = status[i] != null && !takenHere[i]
                    && SeatAvailability.visibleStatus(status[i], expiresAt[i], now) == SeatStatus.AVAILABLE;
        }
        return SeatGrid.fromRowMajor(rows, columns, free);
    }

    private void set(int index, StoredSeat seat) {
        status[index] = seat.status();
        expiresAt[index] = seat.expiresAtMillis();
        version[index] = seat.version();
        takenHere[index] = false;
    }

    private int index(SeatId seat) {
        if (seat.row() < 1 || seat.row() > rows || seat.column() < 1 || seat.column() > columns) {
            return -1;
        }
        return (seat.row() - 1) * columns + (seat.column() - 1);
    }
}
