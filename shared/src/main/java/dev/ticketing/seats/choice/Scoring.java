package dev.ticketing.seats.choice;

import dev.ticketing.seats.model.RowRanking;

/**
 * The quality rule of {@link SeatChooser} for one hall, in whole numbers: scores are kept in <em>half-seats</em>
 * (twice the score in seats) so that they are exact and "equal quality" can mean plain equality.
 *
 * <p>A rectangle ({@code ranking} null) ranks rows by their distance from the preferred row and seats by their
 * distance from the hall's centre column. A plan's grid ({@link RowRanking}) ranks rows by its own order, best first
 * ("distance" is the row's place in that order), and seats by their distance from their own row's centre.
 */
record Scoring(int rows, int columns, int preferredRow, RowRanking ranking) {

    /** What one row of distance from the preferred row costs, in half-seats. */
    static final int ROW_PENALTY = 2 * SeatChooser.ROW_WEIGHT;

    /** What leaving one free seat alone costs, in half-seats: as much as one row. */
    static final int ORPHAN_PENALTY = 2 * SeatChooser.ORPHAN_WEIGHT;

    /**
     * What leaving a free run that blocks of the same length cannot fill exactly costs, per side, in half-seats: half a
     * seat, so it only decides between blocks of nearly the same place (e.g. 9-10 rather than 10-11 of a 20-seat row
     * for a pair, which keeps both sides even so every later pair fits).
     */
    static final int MISFIT_PENALTY = 1;

    /** Where a block ranks, in half-seats: its score plus what the seats it leaves alone and the misfits cost. */
    static int rank(int halfScore, int orphans, int misfits) {
        return halfScore + ORPHAN_PENALTY * orphans + MISFIT_PENALTY * misfits;
    }

    /** Whether a free run of {@code remainder} seats left beside a block of {@code length} is a misfit. */
    static boolean misfit(int remainder, int length) {
        return remainder > 1 && remainder % length != 0;
    }

    /** Score, in half-seats, of {@code length} adjacent seats of {@code row} starting at {@code firstColumn}. */
    int halfScore(int row, int firstColumn, int length) {
        int twiceCentre = ranking == null ? columns + 1 : ranking.twiceCentre()[row];
        return rowPenalty(row) + Math.abs(2 * firstColumn + length - 1 - twiceCentre);
    }

    /** The part of every score in {@code row} that no choice of columns can avoid. */
    int rowPenalty(int row) {
        return ROW_PENALTY * (ranking == null ? Math.abs(row - preferredRow) : ranking.rank()[row]);
    }

    /** How far the row furthest from the preferred one is. */
    int maxRowDistance() {
        return ranking == null ? Math.max(preferredRow - 1, rows - preferredRow) : rows - 1;
    }

    /**
     * The row at {@code distance} from the preferred row, towards the stage or away from it; 0 if there is none. On a
     * plan, the row at that place of its order (the "towards" side only).
     */
    int rowAt(int distance, boolean towardsStage) {
        if (ranking != null) {
            return towardsStage && distance < rows ? ranking.rowsBestFirst()[distance] : 0;
        }
        if (distance == 0) {
            return towardsStage ? preferredRow : 0;
        }
        int row = towardsStage ? preferredRow - distance : preferredRow + distance;
        return row >= 1 && row <= rows ? row : 0;
    }
}
