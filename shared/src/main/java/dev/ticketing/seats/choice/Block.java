package dev.ticketing.seats.choice;

import dev.ticketing.seats.model.SeatId;
import java.util.Comparator;
import java.util.List;

/**
 * A candidate: {@code length} adjacent free seats of one row, with its score (in half-seats, see {@link Scoring}), how
 * many free seats it would leave isolated ({@code orphans}) and on how many sides it would leave a free run that
 * blocks of its own length cannot fill exactly ({@code misfits}).
 */
record Block(int row, int firstColumn, int length, int halfScore, int orphans, int misfits) {

    /**
     * Best first: the order {@link SeatChooser} promises. A block that strands nobody always comes before one that
     * does; then rank, fewer orphans, fewer misfits, the row nearer the stage, the left-most. Total, since no two
     * blocks share row and first column.
     */
    static final Comparator<Block> BEST_FIRST = Comparator.comparing((Block block) -> block.orphans > 0)
            .thenComparingInt(Block::rank)
            .thenComparingInt(Block::orphans)
            .thenComparingInt(Block::misfits)
            .thenComparingInt(Block::row)
            .thenComparingInt(Block::firstColumn);

    int rank() {
        return Scoring.rank(halfScore, orphans, misfits);
    }

    List<SeatId> seats() {
        SeatId[] seats = new SeatId[length];
        for (int i = 0; i < length; i++) {
            seats[i] = new SeatId(row, firstColumn + i);
        }
        return List.of(seats);
    }
}
