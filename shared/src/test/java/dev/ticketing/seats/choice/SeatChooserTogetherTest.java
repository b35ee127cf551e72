package dev.ticketing.seats.choice;

import static dev.ticketing.seats.choice.Halls.drawn;
import static dev.ticketing.seats.choice.Halls.seats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeatChooserTogetherTest {
    private final SeatChooser chooser = new SeatChooser();

    @Test
    void picksTheCentreOfThePreferredRowInAnEmptyHall() {
        SeatGrid hall = new SeatGrid(9, 10);

        assertThat(chooser.together(hall, 4, 1)).containsExactly(seats("3-4", "3-5", "3-6", "3-7"));
    }

    @Test
    void prefersTheRowAboutAThirdOfTheWayBackByDefault() {
        assertThat(SeatChooser.defaultPreferredRow(1)).isEqualTo(1);
        assertThat(SeatChooser.defaultPreferredRow(4)).isEqualTo(1);
        assertThat(SeatChooser.defaultPreferredRow(5)).isEqualTo(2);
        assertThat(SeatChooser.defaultPreferredRow(7)).isEqualTo(2);
        assertThat(SeatChooser.defaultPreferredRow(8)).isEqualTo(3);
        assertThat(SeatChooser.defaultPreferredRow(30)).isEqualTo(10);
        assertThat(SeatChooser.defaultPreferredRow(500)).isEqualTo(167);
    }

    @Test
    void respectsThePreferredRow() {
        SeatGrid hall = new SeatGrid(10, 10);

        assertThat(new SeatChooser(7).together(hall, 2, 1)).containsExactly(seats("7-5", "7-6"));
        assertThat(new SeatChooser(50).together(hall, 2, 1))
                .as("a preferred row behind the hall counts as its last row")
                .containsExactly(seats("10-5", "10-6"));
    }

    @Test
    void offersFurtherCandidatesInQualityOrder() {
        SeatGrid hall = new SeatGrid(5, 10); // preferred row 2, centre between seats 5 and 6

        assertThat(chooser.together(hall, 2, 7)).containsExactly(
                seats("2-5", "2-6"), // score 0, leaving 4 and 4 seats: pairs fill both
                seats("1-5", "1-6"), // 2: one row off, nearer the stage first
                seats("2-3", "2-4"), // 2: two seats off-centre in the preferred row
                seats("2-7", "2-8"), // 2
                seats("3-5", "3-6"), // 2
                // 1 seat off-centre, but leaving 3 and 5 seats, which pairs cannot fill: half a seat per side
                seats("2-4", "2-5"),
                seats("2-6", "2-7"));
        assertThat(chooser.together(hall, 2, 3))
                .as("fewer candidates are the best of the same order")
                .containsExactlyElementsOf(chooser.together(hall, 2, 7).subList(0, 3));
    }

    @Test
    void avoidsLeavingASingleIsolatedSeatWhenANearlyAsGoodChoiceExists() {
        SeatGrid hall = drawn("..........X"); // centre is seat 6

        assertThat(chooser.together(hall, 8, 3)).containsExactly(
                // 3-10 and 2-9 are both half a seat off-centre; 2-9 would leave seats 1 and 10 alone
                seats("1-3", "1-4", "1-5", "1-6", "1-7", "1-8", "1-9", "1-10"),
                // one and a half seats off-centre, leaving no one alone, beats half a seat off leaving two alone
                seats("1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-8"),
                seats("1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-8", "1-9"));
    }

    @Test
    void avoidsAnIsolatedSeatAgainstATakenSeatAsWellAsAgainstTheWall() {
        SeatGrid hall = drawn("XX...X...."); // centre between seats 5 and 6

        assertThat(chooser.together(hall, 2, 3)).containsExactly(
                // two seats off-centre leaving no one alone beats one seat off leaving 1-3 alone next to 1-2 (taken)
                seats("1-7", "1-8"),
                seats("1-9", "1-10"),
                // a block that strands a seat comes after every block that does not
                seats("1-4", "1-5"));
    }

    @Test
    void prefersTheRowNearerTheStageWhenTwoRowsAreEquallyGood() {
        SeatGrid hall = drawn(
                "......",
                "......",
                "XXXXXX",
                "......");

        assertThat(new SeatChooser(3).together(hall, 2, 2))
                .containsExactly(seats("2-3", "2-4"), seats("4-3", "4-4"));
    }

    @Test
    void prefersTheLeftMostOfTwoEquallyGoodBlocksInARow() {
        SeatGrid hall = drawn(".....X....."); // seat 6, the centre, is taken

        assertThat(chooser.together(hall, 2, 2)).containsExactly(seats("1-4", "1-5"), seats("1-7", "1-8"));
    }

    @Test
    void neverSplitsATogetherRequestAcrossRows() {
        SeatGrid hall = drawn(
                "XXXXXX..",
                "..XXXXXX"); // 1-7, 1-8, 2-1, 2-2 follow each other in row-major order, but are not together

        assertThat(chooser.together(hall, 3, 10)).isEmpty();
        assertThat(chooser.together(hall, 4, 10)).isEmpty();
        assertThat(chooser.together(hall, 2, 10)).containsExactly(seats("1-7", "1-8"), seats("2-1", "2-2"));
    }

    @Test
    void answersEmptyWhenNoRowHasEnoughAdjacentSeats() {
        SeatGrid hall = drawn(
                ".X..X.",
                "..X.X.",
                "......");

        // the trios that would strand 3-1 or 3-6 alone come last
        assertThat(chooser.together(hall, 3, 5)).containsExactly(
                seats("3-1", "3-2", "3-3"), seats("3-4", "3-5", "3-6"), seats("3-2", "3-3", "3-4"),
                seats("3-3", "3-4", "3-5"));
        assertThat(chooser.together(hall.taking(seats("3-3", "3-4")), 3, 5)).isEmpty();
        assertThat(chooser.together(hall, 7, 5)).as("wider than the hall").isEmpty();
    }

    @Test
    void rejectsANonPositiveQuantityOrCandidateCountOrPreferredRow() {
        SeatGrid hall = new SeatGrid(3, 3);

        assertThatThrownBy(() -> chooser.together(hall, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chooser.together(hall, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chooser.best(hall, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeatChooser(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
