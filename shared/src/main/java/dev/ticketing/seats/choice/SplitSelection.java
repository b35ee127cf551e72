package dev.ticketing.seats.choice;

import dev.ticketing.seats.model.SeatId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The best free seats taken one by one, each scored as a block of one; among seats of equal score, those next to an
 * already chosen seat first, so a party stays in as few groups as the scores allow.
 */
final class SplitSelection {
    private SplitSelection() {
    }

    /** The {@code quantity} best free seats in row-major order; the grid must have that many free. */
    static List<SeatId> bestSeats(SeatGrid grid, Scoring scoring, int quantity) {
        int cutoff = cutoffScore(grid, scoring, quantity);
        List<SeatId> chosen = new ArrayList<>(quantity);
        List<SeatId> tied = new ArrayList<>();
        int maxDistance = Math.min(scoring.maxRowDistance(), cutoff / Scoring.ROW_PENALTY);
        for (int distance = 0; distance <= maxDistance; distance++) {
            visitFreeSeatsAt(grid, scoring, distance, (row, column) -> {
                int halfScore = scoring.halfScore(row, column, 1);
                if (halfScore < cutoff) {
                    chosen.add(new SeatId(row, column));
                } else if (halfScore == cutoff) {
                    tied.add(new SeatId(row, column));
                }
            });
        }
        tied.sort(Comparator.naturalOrder());
        fillFromTied(chosen, tied, quantity - chosen.size());
        chosen.sort(Comparator.naturalOrder());
        return List.copyOf(chosen);
    }

    /**
     * The score of the {@code quantity}-th best free seat: every seat scoring less is chosen, and the rest come from
     * those scoring exactly this. Counted per score (scores are small whole numbers), nearest rows first, stopping
     * once no further row could still score low enough to matter.
     */
    private static int cutoffScore(SeatGrid grid, Scoring scoring, int quantity) {
        int maxDistance = scoring.maxRowDistance();
        int maxScore = Scoring.ROW_PENALTY * maxDistance + grid.columns() - 1;
        int[] seatsWithScore = new int[maxScore + 1];
        int settled = -1;
        int seatsUpToSettled = 0;
        for (int distance = 0; distance <= maxDistance; distance++) {
            visitFreeSeatsAt(grid, scoring, distance,
                    (row, column) -> seatsWithScore[scoring.halfScore(row, column, 1)]++);
            // Seats in rows further away score at least ROW_PENALTY * (distance + 1): counts below that are final.
            int finalUpTo = distance == maxDistance
                    ? maxScore
                    : Math.min(maxScore, Scoring.ROW_PENALTY * (distance + 1) - 1);
            while (settled < finalUpTo) {
                settled++;
                seatsUpToSettled += seatsWithScore[settled];
                if (seatsUpToSettled >= quantity) {
                    return settled;
                }
            }
        }
        throw new IllegalStateException("fewer than " + quantity + " free seats in " + grid);
    }

    private interface SeatVisitor {
        void visit(int row, int column);
    }

    /** Visits the free seats of both rows at {@code distance} from the preferred row. */
    private static void visitFreeSeatsAt(SeatGrid grid, Scoring scoring, int distance, SeatVisitor visitor) {
        for (int row : new int[] {scoring.rowAt(distance, true), scoring.rowAt(distance, false)}) {
            if (row == 0) {
                continue;
            }
            for (int column = grid.nextFree(row, 1); column <= grid.columns();
                 column = grid.nextFree(row, column + 1)) {
                visitor.visit(row, column);
            }
        }
    }

    private static void fillFromTied(List<SeatId> chosen, List<SeatId> tied, int slots) {
        Set<SeatId> taken = new HashSet<>(chosen);
        for (int slot = 0; slot < slots; slot++) {
            int pick = 0;
            for (int i = 0; i < tied.size(); i++) {
                if (nextToAny(taken, tied.get(i))) {
                    pick = i;
                    break;
                }
            }
            SeatId seat = tied.remove(pick);
            chosen.add(seat);
            taken.add(seat);
        }
    }

    private static boolean nextToAny(Set<SeatId> seats, SeatId seat) {
        return seats.contains(new SeatId(seat.row(), seat.column() - 1))
                || seats.contains(new SeatId(seat.row(), seat.column() + 1));
    }

    /**
     * The split's score comparable to a block's, times the number of seats: each seat counts with the score of the
     * group of adjacent chosen seats it sits in, as if that group were a block of its own.
     */
    static long groupedHalfScore(List<SeatId> rowMajorSeats, Scoring scoring) {
        long total = 0;
        int groupStart = 0;
        for (int i = 1; i <= rowMajorSeats.size(); i++) {
            boolean groupEnds = i == rowMajorSeats.size()
                    || rowMajorSeats.get(i).row() != rowMajorSeats.get(i - 1).row()
                    || rowMajorSeats.get(i).column() != rowMajorSeats.get(i - 1).column() + 1;
            if (groupEnds) {
                SeatId first = rowMajorSeats.get(groupStart);
                int length = i - groupStart;
                total += (long) length * scoring.halfScore(first.row(), first.column(), length);
                groupStart = i;
            }
        }
        return total;
    }
}
