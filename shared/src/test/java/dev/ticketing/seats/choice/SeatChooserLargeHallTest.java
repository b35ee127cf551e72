package dev.ticketing.seats.choice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.seats.model.SeatId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 500 x 200 hall (100,000 seats) checked against a slow, obviously correct reading of the documented rule: every
 * possible block scored in floating point and sorted. Correctness only; the speed is for profiling, not for asserts.
 */
class SeatChooserLargeHallTest {
    private static final int ROWS = 500;
    private static final int COLUMNS = 200;
    private static final int CANDIDATES = 25;

    private final SeatChooser chooser = new SeatChooser();

    @Test
    void ranksTogetherBlocksOfABusyLargeHallExactlyAsTheRuleSays() {
        SeatGrid hall = busyHall(new Random(20_240_501));

        for (int quantity : new int[] {1, 2, 5, 49}) {
            assertThat(chooser.together(hall, quantity, CANDIDATES))
                    .as("%d together", quantity)
                    .isEqualTo(slowTogether(hall, quantity, CANDIDATES))
                    .hasSize(CANDIDATES);
        }
    }

    @Test
    void ranksTogetherBlocksOfANearlySoldOutLargeHallExactlyAsTheRuleSays() {
        SeatGrid hall = nearlySoldOutHall(new Random(7));

        for (int quantity : new int[] {1, 3, 49}) {
            assertThat(chooser.together(hall, quantity, CANDIDATES))
                    .as("%d together", quantity)
                    .isEqualTo(slowTogether(hall, quantity, CANDIDATES));
        }
        assertThat(chooser.together(hall, 61, 3)).as("wider than any free run").isEmpty();
    }

    @Test
    void picksTheBestSeatsOfALargeHallForSplittableRequests() {
        for (SeatGrid hall : List.of(busyHall(new Random(11)), nearlySoldOutHall(new Random(12)))) {
            for (int quantity : new int[] {1, 6, 49}) {
                List<SeatId> chosen = chooser.best(hall, quantity);

                assertThat(chosen).hasSize(quantity).doesNotHaveDuplicates().isSorted().allMatch(hall::isFree);
                List<List<SeatId>> bestBlock = chooser.together(hall, quantity, 1);
                if (isOneBlock(chosen)) {
                    assertThat(List.of(chosen)).as("%d best", quantity).isEqualTo(bestBlock);
                } else {
                    assertThat(chosen.stream().map(seat -> seatScore(hall, seat)).sorted().toList())
                            .as("%d best: the best single seats", quantity)
                            .isEqualTo(allSeatScores(hall).subList(0, quantity));
                    if (!bestBlock.isEmpty()) {
                        assertThat(groupedScore(hall, chosen))
                                .as("%d best: a split only where it beats the best block", quantity)
                                .isLessThan(quantity * blockScore(hall, bestBlock.get(0)));
                    }
                }
            }
        }
    }

    /** Rows of every kind, from nearly empty to nearly full. */
    private static SeatGrid busyHall(Random random) {
        double[] takenShares = {0.02, 0.3, 0.6, 0.97};
        boolean[] free = new boolean[ROWS * COLUMNS];
        for (int row = 0; row < ROWS; row++) {
            double takenShare = takenShares[random.nextInt(takenShares.length)];
            for (int column = 0; column < COLUMNS; column++) {
                free[row * COLUMNS + column] = random.nextDouble() >= takenShare;
            }
        }
        return SeatGrid.fromRowMajor(ROWS, COLUMNS, free);
    }

    /** A few hundred scattered seats, and the only long runs far from the preferred row. */
    private static SeatGrid nearlySoldOutHall(Random random) {
        SeatGrid.Builder hall = SeatGrid.builder(ROWS, COLUMNS);
        for (int i = 0; i < 300; i++) {
            hall.free(1 + random.nextInt(ROWS), 1 + random.nextInt(COLUMNS));
        }
        for (int column = 10; column < 70; column++) {
            hall.free(499, column);
            hall.free(3, column + 100);
        }
        return hall.build();
    }

    private record Candidate(double score, int orphans, int misfits, int row, int firstColumn) {
    }

    private List<List<SeatId>> slowTogether(SeatGrid hall, int quantity, int limit) {
        List<Candidate> all = new ArrayList<>();
        for (int row = 1; row <= hall.rows(); row++) {
            for (int first = 1, last = quantity; last <= hall.columns(); first++, last++) {
                if (allFree(hall, row, first, last)) {
                    int orphans = (isLeftAlone(hall, row, first - 1, first, last) ? 1 : 0)
                            + (isLeftAlone(hall, row, last + 1, first, last) ? 1 : 0);
                    int misfits = (misfit(freeRun(hall, row, first - 1, -1), quantity) ? 1 : 0)
                            + (misfit(freeRun(hall, row, last + 1, 1), quantity) ? 1 : 0);
                    all.add(new Candidate(blockScore(hall, row, first, last), orphans, misfits, row, first));
                }
            }
        }
        return all.stream()
                .sorted(Comparator.comparing((Candidate c) -> c.orphans() > 0)
                        .thenComparingDouble(c -> c.score() + SeatChooser.ORPHAN_WEIGHT * c.orphans() + c.misfits() / 2.0)
                        .thenComparingInt(Candidate::orphans)
                        .thenComparingInt(Candidate::misfits)
                        .thenComparingInt(Candidate::row).thenComparingInt(Candidate::firstColumn))
                .limit(limit)
                .map(candidate -> block(candidate.row(), candidate.firstColumn(), quantity))
                .toList();
    }

    /** How many free seats follow one another from {@code column} on, going {@code step}. */
    private static int freeRun(SeatGrid hall, int row, int column, int step) {
        int run = 0;
        for (int c = column; c >= 1 && c <= hall.columns() && hall.isFree(row, c); c += step) {
            run++;
        }
        return run;
    }

    /** A run of two or more seats that blocks of this length cannot fill exactly. */
    private static boolean misfit(int run, int length) {
        return run > 1 && run % length != 0;
    }

    private static boolean allFree(SeatGrid hall, int row, int first, int last) {
        for (int column = first; column <= last; column++) {
            if (!hall.isFree(row, column)) {
                return false;
            }
        }
        return true;
    }

    /** Whether seat {@code column} would be free with a taken seat or a wall on both sides once the block is held. */
    private static boolean isLeftAlone(SeatGrid hall, int row, int column, int first, int last) {
        return column >= 1 && column <= hall.columns() && hall.isFree(row, column)
                && isTakenAfterHold(hall, row, column - 1, first, last)
                && isTakenAfterHold(hall, row, column + 1, first, last);
    }

    private static boolean isTakenAfterHold(SeatGrid hall, int row, int column, int first, int last) {
        return column < 1 || column > hall.columns() || !hall.isFree(row, column)
                || (column >= first && column <= last);
    }

    private double blockScore(SeatGrid hall, int row, int first, int last) {
        double rowCentre = (hall.columns() + 1) / 2.0;
        double blockCentre = (first + last) / 2.0;
        return Math.abs(row - chooser.preferredRowOf(hall)) * 2.0 + Math.abs(blockCentre - rowCentre);
    }

    private double blockScore(SeatGrid hall, List<SeatId> block) {
        return blockScore(hall, block.get(0).row(), block.get(0).column(), block.get(block.size() - 1).column());
    }

    private double seatScore(SeatGrid hall, SeatId seat) {
        return blockScore(hall, seat.row(), seat.column(), seat.column());
    }

    private List<Double> allSeatScores(SeatGrid hall) {
        List<Double> scores = new ArrayList<>();
        for (int row = 1; row <= hall.rows(); row++) {
            for (int column = 1; column <= hall.columns(); column++) {
                if (hall.isFree(row, column)) {
                    scores.add(seatScore(hall, new SeatId(row, column)));
                }
            }
        }
        scores.sort(Comparator.naturalOrder());
        return scores;
    }

    /** Each seat counted with the score of its group of adjacent chosen seats, as the class comment says. */
    private double groupedScore(SeatGrid hall, List<SeatId> seats) {
        var rest = new HashSet<>(seats);
        double total = 0;
        for (SeatId seat : seats) {
            int first = seat.column();
            int last = seat.column();
            while (rest.contains(new SeatId(seat.row(), first - 1))) {
                first--;
            }
            while (rest.contains(new SeatId(seat.row(), last + 1))) {
                last++;
            }
            total += blockScore(hall, seat.row(), first, last);
        }
        return total;
    }

    private static boolean isOneBlock(List<SeatId> seats) {
        for (int i = 1; i < seats.size(); i++) {
            if (seats.get(i).row() != seats.get(0).row() || seats.get(i).column() != seats.get(i - 1).column() + 1) {
                return false;
            }
        }
        return true;
    }

    private static List<SeatId> block(int row, int first, int quantity) {
        List<SeatId> seats = new ArrayList<>();
        for (int column = first; column < first + quantity; column++) {
            seats.add(new SeatId(row, column));
        }
        return seats;
    }
}
