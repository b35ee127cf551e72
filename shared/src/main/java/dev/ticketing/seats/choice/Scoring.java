package dev.ticketing.seats.choice;

/**
 * The quality rule of {@link SeatChooser} for one hall, in whole numbers: scores are kept in <em>half-seats</em>
 * (twice the score in seats) so that they are exact and "equal quality" can mean plain equality.
 */
record Scoring(int rows, int columns, int preferredRow) {

    /** What one row of distance from the preferred row costs, in half-seats. */
    static final int ROW_PENALTY = 2 * SeatChooser.ROW_WEIGHT;

    /** What leaving one free seat alone costs, in half-seats: as much as one row. */
    static final int ORPHAN_PENALTY = 2 * SeatChooser.ORPHAN_WEIGHT;

    /** Where a block ranks, in half-seats: its score plus what the seats it leaves alone cost. */
    static int rank(int halfScore, int orphans) {
        return halfScore + ORPHAN_PENALTY * orphans;
    }

    /** Score, in half-seats, of {@code length} adjacent seats of {@code row} starting at {@code firstColumn}. */
    int halfScore(int row, int firstColumn, int length) {
        return rowPenalty(row) + Math.abs(2 * firstColumn + length - columns - 2);
    }

    /** The part of every score in {@code row} that no choice of columns can avoid. */
    int rowPenalty(int row) {
        return ROW_PENALTY * Math.abs(row - preferredRow);
    }

    /** How far the row furthest from the preferred one is. */
    int maxRowDistance() {
        return Math.max(preferredRow - 1, rows - preferredRow);
    }

    /** The row at {@code distance} from the preferred row, towards the stage or away from it; 0 if there is none. */
    int rowAt(int distance, boolean towardsStage) {
        if (distance == 0) {
            return towardsStage ? preferredRow : 0;
        }
        int row = towardsStage ? preferredRow - distance : preferredRow + distance;
        return row >= 1 && row <= rows ? row : 0;
    }
}
