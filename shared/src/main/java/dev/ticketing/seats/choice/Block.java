package dev.ticketing.seats.choice;

import dev.ticketing.seats.SeatId;
import java.util.Comparator;
import java.util.List;

/**
 * A candidate: {@code length} adjacent free seats of one row, with its score (in half-seats, see {@link Scoring}) and
 * how many free seats it would leave isolated.
 */
record Block(int row, int firstColumn, int length, int halfScore, int orphans) {

    /** Best first: the order {@link SeatChooser} promises. Total, since no two blocks share row and first column. */
    static final Comparator<Block> BEST_FIRST = Comparator.comparingInt(Block::rank)
            .thenComparingInt(Block::orphans)
            .thenComparingInt(Block::row)
            .thenComparingInt(Block::firstColumn);

    /** Whether a block with these properties would come before this one in {@link #BEST_FIRST} order. */
    boolean isWorseThan(int otherHalfScore, int otherOrphans, int otherRow, int otherFirstColumn) {
        int otherRank = Scoring.rank(otherHalfScore, otherOrphans);
        if (rank() != otherRank) {
            return rank() > otherRank;
        }
        if (orphans != otherOrphans) {
            return orphans > otherOrphans;
        }
        if (row != otherRow) {
            return row > otherRow;
        }
        return firstColumn > otherFirstColumn;
    }

    int rank() {
        return Scoring.rank(halfScore, orphans);
    }

    List<SeatId> seats() {
        SeatId[] seats = new SeatId[length];
        for (int i = 0; i < length; i++) {
            seats[i] = new SeatId(row, firstColumn + i);
        }
        return List.of(seats);
    }
}
