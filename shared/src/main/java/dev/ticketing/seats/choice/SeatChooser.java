package dev.ticketing.seats.choice;

import dev.ticketing.seats.model.RowRanking;
import dev.ticketing.seats.model.SeatId;
import java.util.List;
import java.util.Objects;

/**
 * Picks "the best N seats" of a hall from a {@link SeatGrid} snapshot. Stateless apart from the preferred row it is
 * built with, so one instance may be shared by every thread.
 *
 * <h2>Quality: a product rule users rely on</h2>
 * Row 1 is nearest the stage. Every hall has a <em>preferred row</em>: the one given to
 * {@link #SeatChooser(int)}, or by default (see {@link #defaultPreferredRow(int)}) the row about a third of the way
 * back from the stage, {@code max(1, round(rows / 3.0))} with halves rounded up: 1 for halls of 1 to 4 rows, 2 for 5
 * to 7, 10 for 30, 167 for 500. A preferred row behind the last row of a hall counts as the last row.
 *
 * <p>A block of adjacent seats in one row scores, in seats (lower is better):
 * <pre>
 *   score = |row - preferredRow| * ROW_WEIGHT + |blockCentre - rowCentre|
 *   blockCentre = (firstColumn + lastColumn) / 2,  rowCentre = (columns + 1) / 2
 * </pre>
 * {@link #ROW_WEIGHT} is 2: one row nearer or further than the preferred row costs as much as sitting two seats
 * further to the side. So a block one seat off-centre in the preferred row beats the centre of the next row, one two
 * seats off-centre ties with it (the tie-breaks below decide), and one three seats off-centre loses to it. Rows
 * weigh more than columns because the distance to the stage is what people notice and pay for; a seat or two to the
 * side hardly changes the view.
 *
 * <p>Since {@code ROW_WEIGHT} is a whole number, every score is an exact multiple of half a seat; it is computed in
 * whole half-seats, without floating point. "Equal quality" therefore means exactly equal score: the epsilon is zero.
 *
 * <h2>A venue's plan</h2>
 * On a plan's grid ({@code venues.model.PlanGrid}) the rows rank as the plan's {@link RowRanking} says (nearest the
 * focal point first) instead of by their distance from a preferred row: one place further down that order costs as
 * much as one row above; seats score by their distance from their own row's centre. Everything else is the same.
 *
 * <h2>Order of together candidates</h2>
 * Venues avoid selling a pair next to a lone empty seat: nobody books a single seat between strangers, so it stays
 * empty and is lost revenue. An <em>orphan</em> is a free seat that a block would leave alone, with a taken seat or
 * the wall of the row on both sides once the block is held. Only the seat just left and the seat just right of a
 * block can become one, so a block has 0, 1 or 2. <strong>A block that strands nobody always comes before one that
 * does</strong>, wherever it is in the hall: a lone seat is left only when no block of the requested size avoids it.
 * Among blocks of one kind, each orphan also costs {@link #ORPHAN_WEIGHT} seats, as much as one row.
 *
 * <p>A <em>misfit</em> is a free run of two or more seats left beside the block that blocks of the same length cannot
 * fill exactly (a remainder that is not a multiple of the length). Each costs half a seat: enough to take 9-10 rather
 * than 10-11 of an empty 20-seat row for a pair, which leaves 8 and 10 seats instead of 9 and 9, so that a crowd of
 * pairs fills the row completely instead of ending with a lone seat on each side; too little to move anyone
 * noticeably further from the centre.
 *
 * <p>{@link #together} ranks blocks by {@code (strands anyone, score + ORPHAN_WEIGHT * orphans + misfits / 2,
 * orphans, misfits, row, firstColumn)}: blocks that strand nobody first, then better rank, fewer orphans, fewer
 * misfits, the row nearer the stage, the left-most block.
 * No two blocks share a row and first column, so the order is total and the answer deterministic.
 *
 * <h2>best: when a party may be split</h2>
 * {@link #best} compares the best together block with the best split and takes the block unless the split is
 * strictly better. The split is built seat by seat: the free seats with the lowest score each (a seat is a block of
 * one), and where seats tie on score, those next to an already chosen seat of the same row first, then the row nearer
 * the stage, then the left-most, so seats of a row stay adjacent wherever that costs nothing. To compare it with a
 * block, every seat of the split counts with the score of its group (adjacent chosen seats of one row) as if that
 * group were a block; the split's quality is the average over its seats. A single block's quality is its own score,
 * so a block at least as good as the split wins, and a split wins only when it is strictly better on average, e.g.
 * two pairs near the centre of the preferred row rather than four seats together several rows back.
 */
public final class SeatChooser {
    /** Seats of off-centre that one row of distance from the preferred row is worth. See the class comment. */
    public static final int ROW_WEIGHT = 2;

    /** Seats of off-centre that leaving one free seat alone is worth. See the class comment. */
    public static final int ORPHAN_WEIGHT = 2;

    private static final int DEFAULT_PREFERRED_ROW = 0;

    private final int preferredRow;

    /** Prefers the row about a third of the way back of each hall: {@link #defaultPreferredRow(int)}. */
    public SeatChooser() {
        this.preferredRow = DEFAULT_PREFERRED_ROW;
    }

    /** Prefers {@code preferredRow} (1-based; the last row of halls that have fewer rows). */
    public SeatChooser(int preferredRow) {
        if (preferredRow < 1) {
            throw new IllegalArgumentException("the preferred row is 1-based, got " + preferredRow);
        }
        this.preferredRow = preferredRow;
    }

    /** {@code max(1, round(rows / 3.0))}: the row about a third of the way back from the stage. */
    public static int defaultPreferredRow(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a hall has at least one row, got " + rows);
        }
        return (int) Math.max(1, Math.round(rows / 3.0));
    }

    /** The row this chooser prefers in {@code grid}'s hall. */
    public int preferredRowOf(SeatGrid grid) {
        return preferredRow == DEFAULT_PREFERRED_ROW
                ? defaultPreferredRow(grid.rows())
                : Math.min(preferredRow, grid.rows());
    }

    /**
     * Up to {@code maxCandidates} blocks of {@code quantity} adjacent free seats in one row, best first (see the class
     * comment), each in column order; callers try them in turn when a hold loses a race. Empty when no row has
     * {@code quantity} adjacent free seats.
     */
    public List<List<SeatId>> together(SeatGrid grid, int quantity, int maxCandidates) {
        return together(grid, null, quantity, maxCandidates);
    }

    /**
     * As {@link #together(SeatGrid, int, int)}, on a plan's grid ranked by {@code ranking} (null: a rectangle's rule,
     * the preferred row and the centre column).
     */
    public List<List<SeatId>> together(SeatGrid grid, RowRanking ranking, int quantity, int maxCandidates) {
        Objects.requireNonNull(grid, "grid");
        requireQuantity(quantity);
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be at least 1, got " + maxCandidates);
        }
        return BlockRanking.best(grid, scoringFor(grid, ranking), quantity, maxCandidates).stream()
                .map(Block::seats)
                .toList();
    }

    /**
     * The best {@code quantity} free seats for a party that may be split (see the class comment), in row-major order.
     * Empty when fewer than {@code quantity} seats are free.
     */
    public List<SeatId> best(SeatGrid grid, int quantity) {
        return best(grid, null, quantity);
    }

    /** As {@link #best(SeatGrid, int)}, on a plan's grid ranked by {@code ranking} (null: a rectangle's rule). */
    public List<SeatId> best(SeatGrid grid, RowRanking ranking, int quantity) {
        Objects.requireNonNull(grid, "grid");
        requireQuantity(quantity);
        if (grid.freeCount() < quantity) {
            return List.of();
        }
        Scoring scoring = scoringFor(grid, ranking);
        List<SeatId> split = SplitSelection.bestSeats(grid, scoring, quantity);
        List<Block> block = BlockRanking.best(grid, scoring, quantity, 1);
        if (!block.isEmpty()
                && (long) quantity * block.get(0).halfScore() <= SplitSelection.groupedHalfScore(split, scoring)) {
            return block.get(0).seats();
        }
        return split;
    }

    private Scoring scoringFor(SeatGrid grid, RowRanking ranking) {
        return new Scoring(grid.rows(), grid.columns(), preferredRowOf(grid), ranking);
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
    }

    @Override
    public String toString() {
        return preferredRow == DEFAULT_PREFERRED_ROW
                ? "SeatChooser[preferred row: a third of the way back]"
                : "SeatChooser[preferred row: " + preferredRow + "]";
    }
}
