package dev.ticketing.seats.choice;

import dev.ticketing.seats.model.SeatId;
import java.util.BitSet;
import java.util.Collection;
import java.util.Objects;

/**
 * An immutable snapshot of which seats of a rectangular {@code rows x columns} hall are free. Rows and columns are
 * 1-based as in {@link SeatId}; row 1 is nearest the stage.
 *
 * <p>One bit per seat, row-major, so a 20,000-seat hall costs about 2.5 KB and a row's free runs can be found a word
 * at a time. Build it with {@link #SeatGrid(int, int)} (an empty hall), {@link #withFree}, {@link #fromRowMajor} or a
 * {@link Builder} (the cheapest way when reading seats one by one from storage).
 */
public final class SeatGrid {
    private final int rows;
    private final int columns;
    /** Bit {@code (row - 1) * columns + (column - 1)} is set when that seat is free. Never exposed, never mutated. */
    private final BitSet free;
    private final int freeCount;

    /** An empty hall: every seat is free. */
    public SeatGrid(int rows, int columns) {
        this(rows, columns, allFree(seatCount(rows, columns)));
    }

    private SeatGrid(int rows, int columns, BitSet free) {
        this.rows = rows;
        this.columns = columns;
        this.free = free;
        this.freeCount = free.cardinality();
    }

    /**
     * A hall where exactly {@code freeSeats} are free.
     *
     * @throws IndexOutOfBoundsException if a seat lies outside the hall
     */
    public static SeatGrid withFree(int rows, int columns, Collection<SeatId> freeSeats) {
        Builder builder = builder(rows, columns);
        freeSeats.forEach(builder::free);
        return builder.build();
    }

    /** A hall from one flag per seat, row-major: {@code free[(row - 1) * columns + (column - 1)]}. */
    public static SeatGrid fromRowMajor(int rows, int columns, boolean[] free) {
        int seats = seatCount(rows, columns);
        if (free.length != seats) {
            throw new IllegalArgumentException(
                    "expected " + seats + " flags for " + rows + "x" + columns + " seats, got " + free.length);
        }
        // Whole words at a time: this runs for every request against maps of tens of thousands of seats.
        long[] words = new long[(seats + 63) / 64];
        for (int i = 0; i < seats; i++) {
            if (free[i]) {
                words[i >>> 6] |= 1L << i;
            }
        }
        return new SeatGrid(rows, columns, BitSet.valueOf(words));
    }

    /** Starts a hall where every seat is taken; mark the free ones. */
    public static Builder builder(int rows, int columns) {
        return new Builder(rows, columns);
    }

    /** This hall with {@code seats} taken as well, e.g. after a hold on them succeeded or lost a race. */
    public SeatGrid taking(Collection<SeatId> seats) {
        BitSet remaining = (BitSet) free.clone();
        for (SeatId seat : seats) {
            remaining.clear(index(seat.row(), seat.column()));
        }
        return new SeatGrid(rows, columns, remaining);
    }

    /**
     * This hall with only the seats free here AND in {@code eligible} free: best available within a category, a
     * price or the wheelchair places ({@code holds.model.SeatPreference}). Both grids must be of the same size.
     */
    public SeatGrid onlyWhere(SeatGrid eligible) {
        if (eligible.rows != rows || eligible.columns != columns) {
            throw new IllegalArgumentException("a " + eligible.rows + "x" + eligible.columns + " mask on a " + rows
                    + "x" + columns + " hall");
        }
        BitSet both = (BitSet) free.clone();
        both.and(eligible.free);
        return new SeatGrid(rows, columns, both);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int freeCount() {
        return freeCount;
    }

    public boolean isFree(int row, int column) {
        return free.get(index(row, column));
    }

    public boolean isFree(SeatId seat) {
        return isFree(seat.row(), seat.column());
    }

    /** The first free column of {@code row} at or after {@code fromColumn}, or {@code columns + 1} if none. */
    int nextFree(int row, int fromColumn) {
        int rowStart = (row - 1) * columns;
        int found = free.nextSetBit(rowStart + fromColumn - 1);
        // The bit set runs on into the next row: a hit past this row's end is no hit.
        return found < 0 || found >= rowStart + columns ? columns + 1 : found - rowStart + 1;
    }

    /** The first taken column of {@code row} at or after {@code fromColumn}, or {@code columns + 1} (the wall). */
    int nextTaken(int row, int fromColumn) {
        int rowStart = (row - 1) * columns;
        int found = free.nextClearBit(rowStart + fromColumn - 1);
        return Math.min(found, rowStart + columns) - rowStart + 1;
    }

    private int index(int row, int column) {
        return indexIn(rows, columns, row, column);
    }

    private static int indexIn(int rows, int columns, int row, int column) {
        if (row < 1 || row > rows || column < 1 || column > columns) {
            throw new IndexOutOfBoundsException(
                    "seat " + row + "-" + column + " is outside the " + rows + "x" + columns + " hall");
        }
        return (row - 1) * columns + (column - 1);
    }

    private static int seatCount(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException(
                    "a hall needs at least one row and one column, got " + rows + "x" + columns);
        }
        try {
            return Math.multiplyExact(rows, columns);
        } catch (ArithmeticException tooMany) {
            throw new IllegalArgumentException("a " + rows + "x" + columns + " hall has too many seats", tooMany);
        }
    }

    private static BitSet allFree(int seats) {
        BitSet bits = new BitSet(seats);
        bits.set(0, seats);
        return bits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeatGrid that && rows == that.rows && columns == that.columns && free.equals(that.free);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns, free);
    }

    @Override
    public String toString() {
        return "SeatGrid[" + rows + "x" + columns + ", " + freeCount + " free]";
    }

    /** Collects free seats one at a time; every seat not marked stays taken. */
    public static final class Builder {
        private final int rows;
        private final int columns;
        private final BitSet free;

        private Builder(int rows, int columns) {
            this.free = new BitSet(seatCount(rows, columns));
            this.rows = rows;
            this.columns = columns;
        }

        public Builder free(int row, int column) {
            free.set(indexIn(rows, columns, row, column));
            return this;
        }

        public Builder free(SeatId seat) {
            return free(seat.row(), seat.column());
        }

        /** The grid as marked so far; the builder may go on marking without affecting it. */
        public SeatGrid build() {
            return new SeatGrid(rows, columns, (BitSet) free.clone());
        }
    }
}
