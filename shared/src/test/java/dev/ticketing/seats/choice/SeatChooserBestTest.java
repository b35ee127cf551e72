package dev.ticketing.seats.choice;

import static dev.ticketing.seats.choice.Halls.drawn;
import static dev.ticketing.seats.choice.Halls.seats;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeatChooserBestTest {
    private final SeatChooser frontRowFirst = new SeatChooser(1);

    @Test
    void bestIsTheCentreOfThePreferredRowInAnEmptyHall() {
        SeatChooser chooser = new SeatChooser();

        assertThat(chooser.best(new SeatGrid(9, 10), 4)).isEqualTo(seats("3-4", "3-5", "3-6", "3-7"));
        assertThat(chooser.best(new SeatGrid(9, 10), 10))
                .as("a whole row rather than a wedge of the best single seats over three rows")
                .isEqualTo(seats("3-1", "3-2", "3-3", "3-4", "3-5", "3-6", "3-7", "3-8", "3-9", "3-10"));
    }

    @Test
    void bestMaySplitWhenNoBlockIsFree() {
        SeatGrid hall = drawn(
                "X.X.X.X",
                "XX.X.XX",
                "X.X.X.X");

        assertThat(frontRowFirst.best(hall, 3)).isEqualTo(seats("1-2", "1-4", "1-6"));
        assertThat(frontRowFirst.best(hall, 5)).isEqualTo(seats("1-2", "1-4", "1-6", "2-3", "2-5"));
    }

    @Test
    void bestTakesTheBlockWhenTheSplitIsNoBetter() {
        SeatGrid hall = drawn(
                "XX..XX..XX", // two pairs, each two seats off-centre: as good as the centre of the next row
                "..........");

        assertThat(frontRowFirst.best(hall, 4)).isEqualTo(seats("2-4", "2-5", "2-6", "2-7"));
    }

    @Test
    void bestSplitsWhenThatGivesClearlyBetterSeatsThanAnyBlock() {
        SeatGrid hall = drawn(
                "XXX..X..XX",
                "XXXXXXXXXX",
                "XXXXXXXXXX",
                "XXXXXXXXXX",
                "..........");

        assertThat(frontRowFirst.best(hall, 4)).isEqualTo(seats("1-4", "1-5", "1-7", "1-8"));
    }

    @Test
    void bestKeepsSeatsOfARowAdjacentWhereItCostsNothing() {
        SeatGrid hall = drawn(
                "XXXX.XXXXX", // 1-5 scores as well as 2-3 or 2-8
                "XX...X..XX");

        // 2-5, 2-4 and 2-7 are the three best seats; of the equally good fourth ones, 1-5 is nearest the stage,
        // but 2-3 (or 2-8) joins a seat already chosen.
        assertThat(new SeatChooser(2).best(hall, 4)).isEqualTo(seats("2-3", "2-4", "2-5", "2-7"));
    }

    @Test
    void bestAnswersEmptyWhenTooFewSeatsAreFree() {
        SeatGrid hall = drawn(
                "X.X",
                "XX.");

        assertThat(frontRowFirst.best(hall, 3)).isEmpty();
        assertThat(frontRowFirst.best(hall, 2)).isEqualTo(seats("1-2", "2-3"));
    }
}
