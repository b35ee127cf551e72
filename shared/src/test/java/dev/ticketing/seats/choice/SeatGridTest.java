package dev.ticketing.seats.choice;

import static dev.ticketing.seats.choice.Halls.seats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.seats.model.SeatId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeatGridTest {

    @Test
    void anEmptyHallHasEverySeatFree() {
        SeatGrid grid = new SeatGrid(3, 4);

        assertThat(grid.freeCount()).isEqualTo(12);
        assertThat(grid.isFree(1, 1)).isTrue();
        assertThat(grid.isFree(3, 4)).isTrue();
    }

    @Test
    void theSameHallBuiltFromSeatsFromFlagsOrFromABuilderIsEqual() {
        boolean[] flags = {
            false, true, true,
            true, false, false,
        };
        SeatGrid fromFlags = SeatGrid.fromRowMajor(2, 3, flags);
        SeatGrid fromSeats = SeatGrid.withFree(2, 3, Set.copyOf(seats("1-2", "1-3", "2-1")));
        SeatGrid fromBuilder = SeatGrid.builder(2, 3).free(1, 2).free(new SeatId(1, 3)).free(2, 1).build();

        assertThat(fromSeats).isEqualTo(fromFlags).isEqualTo(fromBuilder);
        assertThat(fromFlags.isFree(1, 1)).isFalse();
        assertThat(fromFlags.isFree(1, 2)).isTrue();
        assertThat(fromFlags.isFree(new SeatId(2, 1))).isTrue();
        assertThat(fromFlags.isFree(2, 3)).isFalse();
        assertThat(fromFlags.freeCount()).isEqualTo(3);
    }

    @Test
    void isASnapshotThatLaterChangesToItsSourcesDoNotReach() {
        boolean[] flags = {true, true};
        SeatGrid.Builder builder = SeatGrid.builder(1, 2).free(1, 1);
        SeatGrid fromFlags = SeatGrid.fromRowMajor(1, 2, flags);
        SeatGrid fromBuilder = builder.build();

        flags[0] = false;
        builder.free(1, 2);

        assertThat(fromFlags.isFree(1, 1)).isTrue();
        assertThat(fromBuilder.isFree(1, 2)).isFalse();
    }

    @Test
    void takingSeatsGivesANewGridAndLeavesThisOneAlone() {
        SeatGrid before = new SeatGrid(2, 2);

        SeatGrid after = before.taking(List.of(new SeatId(1, 2), new SeatId(2, 1)));

        assertThat(after).isEqualTo(Halls.drawn(".X", "X."));
        assertThat(before.freeCount()).isEqualTo(4);
    }

    @Test
    void rejectsSeatsOutsideTheHallAndMalformedShapes() {
        SeatGrid grid = new SeatGrid(2, 3);

        assertThatThrownBy(() -> grid.isFree(3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> grid.isFree(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SeatGrid.withFree(2, 3, List.of(new SeatId(1, 4))))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SeatGrid.fromRowMajor(2, 3, new boolean[5]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeatGrid(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeatGrid(100_000, 100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsFreeRunsWithoutRunningIntoTheNextRow() {
        SeatGrid grid = Halls.drawn(
                "X..X",
                "..XX");

        assertThat(grid.nextFree(1, 1)).isEqualTo(2);
        assertThat(grid.nextTaken(1, 2)).isEqualTo(4);
        assertThat(grid.nextFree(1, 4)).as("row 2 starts free, but it is not row 1").isEqualTo(5);
        assertThat(grid.nextTaken(2, 1)).isEqualTo(3);
        assertThat(grid.nextFree(2, 3)).isEqualTo(5);
        assertThat(Halls.drawn("..").nextTaken(1, 1)).as("the wall").isEqualTo(3);
    }
}
