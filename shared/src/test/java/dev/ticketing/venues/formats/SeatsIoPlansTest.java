package dev.ticketing.venues.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.venues.model.Category;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.PlanSeat;
import dev.ticketing.venues.model.Point;
import dev.ticketing.venues.model.Row;
import dev.ticketing.venues.model.Section;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * seats.io charts read into plans ({@link SeatsIoPlans}): rows outside and inside sections, categories by key and
 * inherited from a section, the flags, an aisle found by distance, decoration ignored; and each kind of bad chart
 * refused naming its first offending path.
 */
class SeatsIoPlansTest {
    @Test
    void aChartsRowsSectionsCategoriesAndFlagsBecomeThePlan() {
        Plan plan = SeatsIoPlans.read(SamplePlans.seatsIoChart());

        assertThat(plan.name()).isEqualTo("Club");
        assertThat(plan.width()).as("300.5 rounded up").isEqualTo(301);
        assertThat(plan.height()).isEqualTo(260);
        assertThat(plan.focalPoint()).isEqualTo(point("150", "10"));
        assertThat(plan.categories()).extracting(Category::name, Category::color)
                .containsExactly(tuple("Front", "#d33"), tuple("Back", "#36c"), tuple("Box", "#393"));
        assertThat(plan.sections()).extracting(Section::name).containsExactly(null, "Box");
        assertThat(plan.seatCount()).isEqualTo(12);

        Section loose = plan.sections().get(0);
        assertThat(loose.rows()).extracting(Row::number).containsExactly("A", "B");
        Row rowA = loose.rows().get(0);
        assertThat(rowA.seats()).extracting(PlanSeat::id).containsExactly("uuid11", "uuid12", "uuid13", "uuid14");
        assertThat(rowA.seats()).extracting(PlanSeat::number).containsExactly("1", "2", "3", "4");
        assertThat(rowA.seats()).extracting(PlanSeat::wheelchair).containsExactly(true, false, false, false);
        assertThat(rowA.seats()).extracting(PlanSeat::companion).containsExactly(false, true, false, false);
        assertThat(rowA.seats()).extracting(PlanSeat::restrictedView).containsExactly(false, false, false, true);
        assertThat(rowA.seats()).extracting(PlanSeat::category).containsOnly("Front");
        assertThat(rowA.seats()).extracting(PlanSeat::gapBefore).as("75 apart where the row's spacing is 25")
                .containsExactly(false, false, true, false);
        assertThat(rowA.neighbours(2)).isFalse();
        Row rowB = loose.rows().get(1);
        assertThat(rowB.seats()).extracting(PlanSeat::id).as("no uuid: row and seat labels")
                .containsExactly("B-1", "B-2", "B-3", "B-4");
        assertThat(rowB.seats()).extracting(PlanSeat::category).containsOnly("Back");
        assertThat(rowB.seats()).extracting(PlanSeat::gapBefore).containsOnly(false);

        Section box = plan.sections().get(1);
        assertThat(box.origin()).isEqualTo(point("180", "150"));
        PlanSeat[] boxSeats = box.rows().get(0).seats().toArray(PlanSeat[]::new);
        assertThat(boxSeats).extracting(PlanSeat::id).as("section, row and seat labels")
                .containsExactly("Box-A-1", "Box-A-2", "Box-A-3", "Box-A-4");
        assertThat(boxSeats).extracting(PlanSeat::category).as("a null key takes the section's")
                .containsExactly("Box", "Box", "Box", "Back");
        assertThat(boxSeats[0].position()).as("the section's own coordinates placed at its topLeft")
                .isEqualTo(point("200", "180"));
        assertThat(boxSeats[3].position()).isEqualTo(point("260", "180"));
        assertThat(box.rows().get(0).labelText()).isEqualTo("Row A");
    }

    @Test
    void aSeatOfAnAccessibleCategoryIsAWheelchairPlaceAsSeatsIoCountsIt() {
        Plan plan = read(chart -> ((ObjectNode) chart.at("/categories/list/1")).put("accessible", true));

        assertThat(plan.seats().filter(PlanSeat::wheelchair).map(PlanSeat::id))
                .containsExactly("uuid11", "B-1", "B-2", "B-3", "B-4", "Box-A-4");
    }

    @Test
    void aSectionWithoutTopLeftIsPlacedAtItsPointsTopLeftCorner() {
        Plan plan = read(chart -> ((ObjectNode) chart.at("/subChart/sections/0")).remove("topLeft"));

        assertThat(plan.sections().get(1).origin()).isEqualTo(point("180.75", "150.75"));
    }

    @Test
    void aChartOfSectionsOnlyNamesItsSeatsInsideThem() {
        assertRefused(changed(chart -> {
            ((ArrayNode) chart.at("/subChart/rows")).removeAll();
            ((ObjectNode) chart.at("/subChart/sections/0/subChart/rows/0/seats/1")).put("uuid", "x");
            ((ObjectNode) chart.at("/subChart/sections/0/subChart/rows/0/seats/2")).put("uuid", "x");
        }), "/subChart/sections/0/subChart/rows/0/seats/2/uuid");
    }

    @Test
    void eachKindOfBadChartIsRefusedNamingItsFirstOffendingPath() {
        assertRefused(() -> SeatsIoPlans.read("{\"name\":"), "");
        assertRefused(() -> SeatsIoPlans.read("[]"), "");
        // the subset's schema
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/rows/1/seats/2")).remove("x")),
                "/subChart/rows/1/seats/2/x");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/rows/0/seats/0")).put("accessible", "yes")),
                "/subChart/rows/0/seats/0/accessible");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/categories")).remove("list")), "/categories/list");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/sections/0")).remove("label")),
                "/subChart/sections/0/label");
        // what is bookable but not a seat of a row
        assertRefused(changed(chart -> ((ArrayNode) chart.at("/subChart/tables")).addObject().put("objectType", "table")),
                "/subChart/tables/0");
        assertRefused(changed(chart -> ((ArrayNode) chart.at("/subChart/sections/0/subChart/generalAdmissionAreas"))
                .addObject().put("capacity", 100)), "/subChart/sections/0/subChart/generalAdmissionAreas/0");
        // categories
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/categories/list/2")).put("key", "back")),
                "/categories/list/2/key");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/categories/list/2")).put("label", "Front")),
                "/categories/list/2/label");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/rows/1/seats/3")).put("categoryKey", 7)),
                "/subChart/rows/1/seats/3/categoryKey");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/rows/1/seats/0")).set("categoryKey",
                NullNode.getInstance())), "/subChart/rows/1/seats/0/categoryKey");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/sections/0")).remove("categoryKey")),
                "/subChart/sections/0/subChart/rows/0/seats/0/categoryKey");
        // ids: a uuid twice, labels twice when there is no uuid
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/rows/0/seats/3")).put("uuid", "uuid11")),
                "/subChart/rows/0/seats/3/uuid");
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/rows/1/seats/3")).put("label", "1")),
                "/subChart/rows/1/seats/3/label");
        // placement, and a chart with no seats at all
        assertRefused(changed(chart -> ((ObjectNode) chart.at("/subChart/sections/0")).without(List.of(
                "topLeft", "points"))), "/subChart/sections/0/topLeft");
        assertRefused(changed(chart -> {
            ((ArrayNode) chart.at("/subChart/rows")).removeAll();
            ((ArrayNode) chart.at("/subChart/sections")).removeAll();
        }), "/subChart/rows");
    }

    @Test
    void aChartIsNoExportForm() {
        assertThatThrownBy(() -> PlanFormat.export("seatsio", PlanFormat.TICKETING))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        problem -> assertThat(problem.getMessage()).contains("not an export format"));
        assertThat(PlanFormat.of("seatsio", PlanFormat.TICKETING)).isEqualTo(PlanFormat.SEATSIO);
    }

    private static Plan read(Consumer<ObjectNode> change) {
        ObjectNode chart = (ObjectNode) PlanJson.parse(SamplePlans.seatsIoChart());
        change.accept(chart);
        return SeatsIoPlans.read(PlanJson.text(chart));
    }

    private static Runnable changed(Consumer<ObjectNode> change) {
        return () -> read(change);
    }

    private static Point point(String x, String y) {
        return new Point(new BigDecimal(x), new BigDecimal(y));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static void assertRefused(Runnable read, String path) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(InvalidRequestException.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.extensions()).as(problem.getMessage()).containsEntry("path", path);
        });
    }
}
