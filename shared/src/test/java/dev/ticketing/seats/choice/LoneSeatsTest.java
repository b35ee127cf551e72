package dev.ticketing.seats.choice;

import static dev.ticketing.seats.choice.Halls.drawn;
import static dev.ticketing.seats.choice.Halls.seats;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.seats.model.SeatId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoneSeatsTest {
    private final SeatChooser chooser = new SeatChooser();

    @Test
    void aPickNextToTheWallOrATakenSeatWithOneFreeSeatBetweenStrandsIt() {
        SeatGrid hall = drawn("..........", "X...X.....");

        assertThat(LoneSeats.strandedBy(hall, seats("1-2", "1-3"))).containsExactly(SeatId.parse("1-1"));
        assertThat(LoneSeats.strandedBy(hall, seats("2-3"))).containsExactly(SeatId.parse("2-2"), SeatId.parse("2-4"));
        assertThat(LoneSeats.strandedBy(hall, seats("2-2", "2-4"))).as("the seat between two picked seats")
                .containsExactly(SeatId.parse("2-3"));
        assertThat(LoneSeats.strandedBy(hall, seats("1-1", "1-2"))).isEmpty();
        assertThat(LoneSeats.strandedBy(hall, seats("2-2", "2-3", "2-4"))).as("fills the gap").isEmpty();
    }

    @Test
    void aSeatAlreadyAloneIsNotStrandedAgain() {
        SeatGrid hall = drawn("X.X....");

        assertThat(LoneSeats.strandedBy(hall, seats("1-4", "1-5"))).as("1-2 was alone before").isEmpty();
        assertThat(LoneSeats.strandedBy(hall, seats("1-5", "1-6"))).containsExactly(SeatId.parse("1-4"), SeatId.parse("1-7"));
    }

    @Test
    void guardsAreTheFreeSeatsBeyondTheFreeNeighbours() {
        SeatGrid hall = drawn("......X...");

        assertThat(LoneSeats.guards(hall, seats("1-3", "1-4"))).containsExactly(SeatId.parse("1-1"), SeatId.parse("1-6"));
        assertThat(LoneSeats.guards(hall, seats("1-2", "1-3"))).as("1-4 free, 1-5 free beyond it; 1-1 at the wall")
                .containsExactly(SeatId.parse("1-5"));
        assertThat(LoneSeats.guards(hall, seats("1-8", "1-9"))).as("1-7 taken; 1-10 against the wall").isEmpty();
    }

    @Test
    void theNearestBlockThatStrandsNobody() {
        SeatGrid hall = drawn("X...X.....", "..........");

        assertThat(LoneSeats.nearestBlock(hall, 2, SeatId.parse("1-3"))).as("any pair of 1-2..1-4 strands a seat")
                .isEqualTo(seats("1-6", "1-7"));
        assertThat(LoneSeats.nearestBlock(hall, 3, SeatId.parse("1-1"))).isEqualTo(seats("1-2", "1-3", "1-4"));
        assertThat(LoneSeats.nearestBlock(hall, 3, SeatId.parse("1-6"))).isEqualTo(seats("1-6", "1-7", "1-8"));
        assertThat(LoneSeats.nearestBlock(hall.taking(seats("1-6", "1-7", "1-8", "1-9", "1-10")), 4,
                SeatId.parse("1-6"))).isEqualTo(seats("2-5", "2-6", "2-7", "2-8"));
        assertThat(LoneSeats.nearestBlock(drawn("X.X"), 1, SeatId.parse("1-1"))).isEqualTo(seats("1-2"));
        assertThat(LoneSeats.nearestBlock(drawn("X..X"), 3, SeatId.parse("1-1"))).isEmpty();
    }

    @Test
    void pairsTakenOneAfterAnotherFillEvenRowsCompletelyAndStrandNobody() {
        for (SeatGrid hall : List.of(new SeatGrid(3, 20), new SeatGrid(4, 32), new SeatGrid(25, 40))) {
            SeatGrid left = hall;
            int pairs = 0;
            while (true) {
                List<List<SeatId>> best = chooser.together(left, 2, 1);
                if (best.isEmpty()) {
                    break;
                }
                assertThat(LoneSeats.strandedBy(left, best.get(0))).as("%s pair %d", hall, pairs).isEmpty();
                left = left.taking(best.get(0));
                pairs++;
            }
            assertThat(pairs).as("%s", hall).isEqualTo(hall.rows() * hall.columns() / 2);
        }
    }

    @Test
    void aMixOfPartySizesTakenOneAfterAnotherLeavesNoLoneSeatWhileAnotherChoiceExists() {
        SeatGrid left = new SeatGrid(6, 23);
        int[] sizes = {2, 3, 4, 2, 2, 3};
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int size = sizes[i % sizes.length];
            List<List<SeatId>> best = chooser.together(left, size, 1);
            if (best.isEmpty()) {
                refused.add(size);
                continue;
            }
            List<SeatId> stranded = LoneSeats.strandedBy(left, best.get(0));
            if (!stranded.isEmpty()) {
                // only when every block of that size strands someone
                for (List<SeatId> other : chooser.together(left, size, 10_000)) {
                    assertThat(LoneSeats.strandedBy(left, other)).isNotEmpty();
                }
            }
            left = left.taking(best.get(0));
        }
        assertThat(left.freeCount()).as("nearly full").isLessThan(6);
    }
}
