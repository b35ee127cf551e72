package dev.ticketing.venues.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.seats.choice.SeatChooser;
import dev.ticketing.seats.choice.SeatGrid;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.venues.formats.SamplePlans;
import dev.ticketing.venues.formats.PretixPlans;
import dev.ticketing.venues.formats.TicketingPlans;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan as the seat engine's grid (issue 20, items 3 and 4): places, gaps, names, and how best ranks its rows. */
class PlanGridTest {
    private static final SeatChooser CHOOSER = new SeatChooser();

    @Test
    void anAisleIsAnEmptyPlaceSoNoBlockSpansIt() {
        // FORMATS.md's studio: row A at x = 20, 45, 120, 145, the distance rule finds the aisle before A-3
        PlanGrid studio = PlanGrid.of(PretixPlans.read(SamplePlans.studio()));
        SeatId a3 = studio.find("st-A-3").orElseThrow();
        assertThat(studio.find("st-A-2").orElseThrow().column()).isEqualTo(2);
        assertThat(a3.column()).as("one empty place for the aisle").isEqualTo(4);
        assertThat(studio.contains(a3.row(), 3)).isFalse();
        assertThat(studio.idOf(a3)).isEqualTo("st-A-3");
        assertThat(studio.placeOf(a3).row()).isEqualTo("Row A");
        assertThat(studio.find("nope")).isEmpty();
        SeatGrid empty = grid(studio);
        for (List<SeatId> pair : CHOOSER.together(empty, studio.ranking(), 2, 100)) {
            assertThat(pair.get(1).column() - pair.get(0).column()).isEqualTo(1);
            assertThat(pair.stream().allMatch(seat -> studio.contains(seat.row(), seat.column()))).isTrue();
        }
    }

    @Test
    void rowsRankByTheirDistanceFromTheFocalPointAndTheBestPairSitsBesideTheCentreAisle() {
        PlanGrid theatre = PlanGrid.of(TicketingPlans.read(SamplePlans.theatre()));
        assertThat(theatre.rows()).isEqualTo(30);
        assertThat(theatre.seatCount()).isEqualTo(count(theatre));
        int best = theatre.ranking().rowsBestFirst()[0];
        assertThat(theatre.placeOf(theatre.seatsOf(best).get(0)).row()).isEqualTo("Stalls, row A");
        List<SeatId> pair = CHOOSER.together(grid(theatre), theatre.ranking(), 2, 1).get(0);
        assertThat(pair).extracting(theatre::idOf).containsExactly("th-S-A-14", "th-S-A-15");
        // the balcony's rows come after the stalls' (further from the stage at the top)
        int balconyA = theatre.find("th-B-A-1").orElseThrow().row();
        int stallsT = theatre.find("th-S-T-1").orElseThrow().row();
        assertThat(theatre.ranking().rank()[balconyA]).isGreaterThan(theatre.ranking().rank()[stallsT]);
    }

    @Test
    void aPlanOfMoreThanAThousandRowsKeepsEverySeatFindable() {
        PlanGrid big = PlanGrid.of(PretixPlans.read(SamplePlans.hall("Stadium", "st", 100_000)));
        assertThat(big.rows()).isGreaterThan(1_000);
        assertThat(big.seatCount()).isEqualTo(100_000);
        for (int row = 1; row <= big.rows(); row += 97) {
            for (SeatId seat : big.seatsOf(row)) {
                assertThat(big.find(big.idOf(seat))).hasValue(seat);
            }
        }
    }

    private static int count(PlanGrid grid) {
        int seats = 0;
        for (int row = 1; row <= grid.rows(); row++) {
            seats += grid.seatsOf(row).size();
        }
        return seats;
    }

    private static SeatGrid grid(PlanGrid plan) {
        SeatGrid.Builder free = SeatGrid.builder(plan.rows(), plan.columns());
        for (int row = 1; row <= plan.rows(); row++) {
            plan.seatsOf(row).forEach(free::free);
        }
        return free.build();
    }
}
