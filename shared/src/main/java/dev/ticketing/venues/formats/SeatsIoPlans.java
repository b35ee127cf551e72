package dev.ticketing.venues.formats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.venues.model.Category;
import dev.ticketing.venues.model.Gaps;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.PlanPaths;
import dev.ticketing.venues.model.PlanRules;
import dev.ticketing.venues.model.PlanSeat;
import dev.ticketing.venues.model.Point;
import dev.ticketing.venues.model.Row;
import dev.ticketing.venues.model.Section;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * seats.io's chart JSON (as its designer stores it; its SDKs' test charts show it) read into a {@link Plan}: import
 * only (docs/venues.md, "seats.io import"). The subset read is in {@code seatsio-chart.schema.json} beside this class;
 * every other member of a chart (shapes, texts, icons, labelling algorithms, ...) is decoration and ignored.
 *
 * <ul>
 *   <li>categories: {@code categories.list}, each {@code label} a plan category (its {@code color} kept); seats name
 *       theirs by {@code categoryKey}, a seat with a null key takes its section's {@code categoryKey};</li>
 *   <li>sections: the rows of {@code subChart.rows} make one section without a name (first, when there are any), each
 *       of {@code subChart.sections} one named by its {@code label}. A section's seats are drawn in its own
 *       coordinates, placed at its {@code topLeft} (else the top left corner of its {@code points}): the plan's
 *       positions add it;</li>
 *   <li>rows: row number = the row's {@code label}; seats in the chart's order along the row, number = the seat's
 *       {@code label}, id = its {@code uuid}, else {@code <section>-<row>-<seat>} labels joined by "-";</li>
 *   <li>flags: {@code accessible} (or its category's {@code accessible}, as seats.io counts it) is a wheelchair place,
 *       {@code companionSeat} a companion seat, {@code restrictedView} a restricted view; gaps by {@link Gaps}' distance
 *       rule, as pretix's; {@code subChart.focalPoint} is the plan's focal point.</li>
 * </ul>
 *
 * <p>Refused, each a {@code 400} naming the path: no JSON; a break of the subset's schema; a table, general admission
 * area or booth anywhere (bookable, but not seats of a row: not supported); two categories with one key; a seat
 * whose category key is none of the chart's, or null with no section key to take; a section with neither
 * {@code topLeft} nor {@code points}; a chart without rows; then {@link PlanRules}.
 */
public final class SeatsIoPlans {
    private static final PlanSchema SCHEMA = PlanSchema.load("seatsio-chart.schema.json");
    /** Bookable objects of a chart that are not seats of a row. */
    private static final Map<String, String> NOT_SEATS = Map.of(
            "tables", "a table", "generalAdmissionAreas", "a general admission area", "booths", "a booth");

    private SeatsIoPlans() {
    }

    /** The plan of the chart {@code text}, or the {@code 400} of its first offending part. */
    public static Plan read(String text) {
        return SCHEMA.read(text, SeatsIoPlans::toPlan, tree -> new ChartPaths(tree, parts(tree)));
    }

    /**
     * Where the plan's sections come from: the chart's {@code subChart.rows} (a section without a name, first, when
     * it has rows) and each of {@code subChart.sections}, as JSON pointers of the sub-chart and of the section.
     */
    private record Part(String subChart, String section) {
        String rows() {
            return subChart + "/rows/";
        }
    }

    private static List<Part> parts(JsonNode tree) {
        List<Part> parts = new ArrayList<>();
        if (!array(tree.get("subChart"), "rows").isEmpty()) {
            parts.add(new Part("/subChart", null));
        }
        List<JsonNode> sections = array(tree.get("subChart"), "sections");
        for (int k = 0; k < sections.size(); k++) {
            if (!array(sections.get(k).get("subChart"), "rows").isEmpty()) { // a section of no rows has no seats
                parts.add(new Part("/subChart/sections/" + k + "/subChart", "/subChart/sections/" + k));
            }
        }
        return parts;
    }

    private static Plan toPlan(JsonNode tree) {
        List<Part> parts = parts(tree);
        refuseWhatIsNotSeats(tree);
        Map<String, JsonNode> categoriesByKey = new HashMap<>();
        List<Category> categories = new ArrayList<>();
        List<JsonNode> list = array(tree.get("categories"), "list");
        for (int c = 0; c < list.size(); c++) {
            JsonNode category = list.get(c);
            if (categoriesByKey.putIfAbsent(category.get("key").asText(), category) != null) {
                throw PlanRules.invalid("/categories/list/" + c + "/key", "Category key " + category.get("key")
                        + " is the key of an earlier category too; each category's key is unique");
            }
            categories.add(new Category(category.get("label").asText(), PlanJson.textOrNull(category, "color"), null));
        }
        List<Section> sections = new ArrayList<>();
        for (Part part : parts) {
            JsonNode section = part.section() == null ? null : tree.at(part.section());
            Point origin = section == null ? Point.ORIGIN : origin(section, part.section());
            String sectionName = section == null ? null : section.get("label").asText();
            JsonNode sectionKey = section == null ? null : section.get("categoryKey");
            List<Row> rows = new ArrayList<>();
            List<JsonNode> chartRows = array(tree.at(part.subChart()), "rows");
            for (int r = 0; r < chartRows.size(); r++) {
                JsonNode row = chartRows.get(r);
                String rowLabel = row.get("label").asText();
                List<PlanSeat> seats = new ArrayList<>();
                List<JsonNode> chartSeats = array(row, "seats");
                for (int i = 0; i < chartSeats.size(); i++) {
                    JsonNode seat = chartSeats.get(i);
                    JsonNode category = category(seat, sectionKey, categoriesByKey, part.rows() + r + "/seats/" + i);
                    String label = seat.get("label").asText();
                    String id = seat.hasNonNull("uuid") ? seat.get("uuid").asText()
                            : String.join("-", sectionName == null ? List.of(rowLabel, label)
                                    : List.of(sectionName, rowLabel, label));
                    seats.add(new PlanSeat(id, label, origin.plus(PlanJson.point(seat)), category.get("label").asText(),
                            flag(seat, "accessible") || flag(category, "accessible"), flag(seat, "companionSeat"),
                            flag(seat, "restrictedView"), false, null));
                }
                rows.add(new Row(rowLabel, null, null, null, seats, null));
            }
            sections.add(Gaps.detect(new Section(sectionName, origin, rows, null)));
        }
        if (sections.isEmpty()) {
            throw PlanRules.invalid("/subChart/rows", "The chart has no rows of seats, neither outside nor inside sections");
        }
        JsonNode subChart = tree.get("subChart");
        return new Plan(tree.get("name").asText(), dimension(subChart, "width"), dimension(subChart, "height"),
                subChart.hasNonNull("focalPoint") ? PlanJson.point(subChart.get("focalPoint")) : null,
                categories, sections, null);
    }

    /** Refuses the first table, general admission area or booth of the chart, then of each section. */
    private static void refuseWhatIsNotSeats(JsonNode tree) {
        List<String> subCharts = new ArrayList<>(List.of("/subChart"));
        for (int k = 0; k < array(tree.get("subChart"), "sections").size(); k++) {
            subCharts.add("/subChart/sections/" + k + "/subChart");
        }
        for (String subChart : subCharts) {
            for (String member : List.of("tables", "generalAdmissionAreas", "booths")) {
                if (!array(tree.at(subChart), member).isEmpty()) {
                    throw PlanRules.invalid(subChart + "/" + member + "/0", "The chart has " + NOT_SEATS.get(member)
                            + ", which is not supported: only seats in rows are imported (docs/venues.md, seats.io"
                            + " import); remove it from the chart or sell it as a separate event");
                }
            }
        }
    }

    /** A seat's category: its key's, else its section's key's; {@code 400} at the seat's categoryKey otherwise. */
    private static JsonNode category(JsonNode seat, JsonNode sectionKey, Map<String, JsonNode> categoriesByKey,
                                     String seatPath) {
        JsonNode key = seat.hasNonNull("categoryKey") ? seat.get("categoryKey")
                : sectionKey != null && !sectionKey.isNull() ? sectionKey : null;
        if (key == null) {
            throw PlanRules.invalid(seatPath + "/categoryKey", "The seat has no category key, and no section key to"
                    + " take instead");
        }
        JsonNode category = categoriesByKey.get(key.asText());
        if (category == null) {
            throw PlanRules.invalid(seatPath + "/categoryKey", "Category key " + key
                    + (seat.hasNonNull("categoryKey") ? "" : " (the section's)") + " is none of the chart's "
                    + categoriesByKey.keySet().stream().sorted().toList());
        }
        return category;
    }

    /** Where a section's own coordinates start in the chart: its {@code topLeft}, else its points' top left corner. */
    private static Point origin(JsonNode section, String path) {
        if (section.has("topLeft")) {
            return PlanJson.point(section.get("topLeft"));
        }
        List<JsonNode> points = array(section, "points");
        if (points.isEmpty()) {
            throw PlanRules.invalid(path + "/topLeft", "A section needs its topLeft (or its points) to place its seats");
        }
        BigDecimal x = points.stream().map(point -> point.get("x").decimalValue()).reduce(BigDecimal::min).orElseThrow();
        BigDecimal y = points.stream().map(point -> point.get("y").decimalValue()).reduce(BigDecimal::min).orElseThrow();
        return new Point(x, y);
    }

    /** The sub-chart's width or height, rounded up to a whole number (a plan's size is in whole units). */
    private static int dimension(JsonNode subChart, String name) {
        BigDecimal value = subChart.get(name).decimalValue().setScale(0, RoundingMode.CEILING);
        if (value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw PlanRules.invalid("/subChart/" + name, "a number up to " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    private static boolean flag(JsonNode node, String name) {
        return node.path(name).booleanValue();
    }

    /** The items of {@code node}'s array {@code member}; none when it is absent or null. */
    private static List<JsonNode> array(JsonNode node, String member) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode array = node == null ? null : node.get(member);
        if (array != null) {
            array.forEach(items::add);
        }
        return items;
    }

    /** The chart's pointers of a plan's parts: a seat's id is its {@code uuid}, or its {@code label} when it has none. */
    private record ChartPaths(JsonNode tree, List<Part> parts) implements PlanPaths {
        @Override
        public String categoryName(int category) {
            return PlanFormat.SEATSIO.categoryName(category);
        }

        @Override
        public String seat(int section, int row, int seat) {
            String rowPath = parts.get(section).rows() + row;
            return seat < 0 ? rowPath : rowPath + "/seats/" + seat;
        }

        @Override
        public String seatId(int section, int row, int seat) {
            String path = seat(section, row, seat);
            return path + (tree.at(path).hasNonNull("uuid") ? "/uuid" : "/label");
        }

        @Override
        public String seatCategory(int section, int row, int seat) {
            return seat(section, row, seat) + "/categoryKey";
        }
    }
}
