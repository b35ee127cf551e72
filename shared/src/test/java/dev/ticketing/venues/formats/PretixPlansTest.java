package dev.ticketing.venues.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.venues.formats.SamplePlans;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanSeat;
import dev.ticketing.venues.model.Row;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * pretix's plans read and written ({@link PretixPlans}) and the project's own form ({@link TicketingPlans}): the round
 * trip gives the same JSON back up to key order, gaps come from the distance rule, and each kind of bad plan is
 * refused naming its first offending path.
 */
class PretixPlansTest {
    @Test
    void theStudioOfFormatsMdComesBackAsItWentIn() {
        Plan plan = PretixPlans.read(SamplePlans.studio());

        assertThat(plan.seatCount()).isEqualTo(7);
        assertThat(PlanJson.parse(PretixPlans.text(plan))).isEqualTo(PlanJson.parse(SamplePlans.studio()));
        assertThat(sameJson(PretixPlans.write(plan), PlanJson.parse(SamplePlans.studio()))).isTrue();
    }

    @Test
    void anAisleIsAGapAndNeighboursNeverStraddleIt() {
        Row rowA = PretixPlans.read(SamplePlans.studio()).sections().get(0).rows().get(0);

        assertThat(rowA.seats().stream().map(PlanSeat::gapBefore)).containsExactly(false, false, true, false);
        assertThat(rowA.neighbours(1)).as("A-1, A-2").isTrue();
        assertThat(rowA.neighbours(2)).as("A-2, A-3 across the aisle").isFalse();
        assertThat(rowA.neighbours(3)).as("A-3, A-4").isTrue();
        assertThat(rowA.labelText()).isEqualTo("Row A");
        assertThat(rowA.seatText(rowA.seats().get(2))).isEqualTo("Seat 3");
    }

    @Test
    void aGeneratedHallComesBackAsItWentInThroughBothForms() {
        String hall = SamplePlans.hall("Arena", "ar", 20_000);
        Plan plan = PretixPlans.read(hall);

        assertThat(plan.seatCount()).isEqualTo(20_000);
        assertThat(sameJson(PretixPlans.write(plan), PlanJson.parse(hall))).isTrue();
        Plan stored = TicketingPlans.readStored(TicketingPlans.text(plan));
        assertThat(TicketingPlans.text(stored)).isEqualTo(TicketingPlans.text(plan)); // (records: 90.00 is not 90)
        assertThat(sameJson(PretixPlans.write(stored), PlanJson.parse(hall))).isTrue();
        // each row's centre aisle, and no other gap, on curved rows
        long gaps = plan.seats().filter(PlanSeat::gapBefore).count();
        long rows = plan.sections().stream().mapToLong(section -> section.rows().size()).sum();
        assertThat(gaps).isEqualTo(rows);
    }

    @Test
    void theOwnFormCarriesFlagsAndGapsAndRefusesWhatItDoesNotKnow() {
        Plan plan = PretixPlans.read(SamplePlans.studio())
                .mapSeats(seat -> seat.id().equals("st-B-1") ? seat.withFlags(true, null, null, null)
                        : seat.id().equals("st-B-2") ? seat.withFlags(null, true, true, true) : seat);
        String own = TicketingPlans.text(plan);

        assertThat(TicketingPlans.text(TicketingPlans.read(own))).isEqualTo(own);
        assertThat(own).contains("\"wheelchair\":true").contains("\"restrictedView\":true").contains("\"gapBefore\":true");
        assertRefused(() -> TicketingPlans.read(own.replace("\"wheelchair\"", "\"wheelchar\"")),
                "/sections/0/rows/1/seats/0/wheelchar");
        assertRefused(() -> TicketingPlans.read(own.replace("{\"id\":\"st-A-1\",\"number\":\"1\"",
                "{\"id\":\"st-A-1\",\"number\":\"1\",\"gapBefore\":true")), "/sections/0/rows/0/seats/0/gapBefore");
    }

    @Test
    void aTheatreDrawnInTheOwnFormKeepsItsFlagsAndItsAislesAreFoundAgainFromPretixsForm() {
        Plan theatre = TicketingPlans.read(SamplePlans.theatre());

        assertThat(theatre.seatCount()).isBetween(1_150, 1_250);
        assertThat(theatre.seats().filter(PlanSeat::wheelchair).count()).isEqualTo(2);
        assertThat(theatre.seats().filter(PlanSeat::companion).count()).isEqualTo(2);
        assertThat(theatre.seats().filter(PlanSeat::restrictedView).count()).isEqualTo(2);
        assertThat(theatre.categoryNames()).containsExactly("A", "B", "C");
        assertThat(theatre.sections().get(1).rows().get(0).labelText()).isEqualTo("Balcony, row A");
        // pretix's form has no gaps: its import finds the same aisles by distance, on curved rows
        Plan throughPretix = PretixPlans.read(PretixPlans.text(theatre));
        assertThat(throughPretix.seats().map(PlanSeat::gapBefore).toList())
                .isEqualTo(theatre.seats().map(PlanSeat::gapBefore).toList());
    }

    @Test
    void eachKindOfBadPlanIsRefusedNamingItsFirstOffendingPath() {
        assertRefused(() -> PretixPlans.read("{\"name\":"), "");
        assertRefused(() -> PretixPlans.read(SamplePlans.studio() + "{}"), "");
        assertRefused(() -> PretixPlans.read("[]"), "");
        assertRefused(changed(plan -> seat(plan, 0, 1, 2).remove("position")), "/zones/0/rows/1/seats/2/position");
        assertRefused(changed(plan -> seat(plan, 0, 0, 3).put("colour", "red")), "/zones/0/rows/0/seats/3/colour");
        assertRefused(changed(plan -> seat(plan, 0, 1, 0).put("seat_number", 1)), "/zones/0/rows/1/seats/0/seat_number");
        assertRefused(changed(plan -> ((ObjectNode) plan.get("zones").get(0).get("rows").get(1)).remove("row_number")),
                "/zones/0/rows/1/row_number");
        assertRefused(changed(plan -> seat(plan, 0, 1, 2).put("seat_guid", "st-A-2")), "/zones/0/rows/1/seats/2/seat_guid");
        assertRefused(changed(plan -> seat(plan, 0, 1, 1).put("category", "Balcony")), "/zones/0/rows/1/seats/1/category");
        assertRefused(changed(plan -> ((ArrayNode) plan.get("categories")).addObject().put("name", "Front")),
                "/categories/2/name");
        // the first offending path in document order, whatever else is wrong after it
        assertRefused(changed(plan -> {
            seat(plan, 0, 1, 2).remove("category");
            seat(plan, 0, 0, 3).remove("category");
        }), "/zones/0/rows/0/seats/3/category");
    }

    @Test
    void aPlanHasAtMostOneHundredThousandSeats() {
        assertThat(PretixPlans.read(SamplePlans.hall("Stadium", "st", 100_000)).seatCount()).isEqualTo(100_000);

        InvalidRequestException refused = assertRefused(() -> PretixPlans.read(SamplePlans.hall("Too big", "tb", 100_001)),
                "/zones/100/rows/0/seats/0");
        assertThat(refused.extensions()).containsEntry("maxSeats", 100_000);
    }

    private static Runnable changed(Consumer<ObjectNode> change) {
        ObjectNode plan = (ObjectNode) PlanJson.parse(SamplePlans.studio());
        change.accept(plan);
        return () -> PretixPlans.read(PlanJson.text(plan));
    }

    private static ObjectNode seat(JsonNode plan, int zone, int row, int seat) {
        return (ObjectNode) plan.get("zones").get(zone).get("rows").get(row).get("seats").get(seat);
    }

    private static InvalidRequestException assertRefused(Runnable read, String path) {
        InvalidRequestException[] caught = new InvalidRequestException[1];
        assertThatThrownBy(read::run).isInstanceOfSatisfying(InvalidRequestException.class, problem -> {
            caught[0] = problem;
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.extensions()).as(problem.getMessage()).containsEntry("path", path);
        });
        return caught[0];
    }

    /** Equal JSON up to key order, numbers by value ({@code 20.0} is {@code 20}). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, b);
    }
}
