package dev.ticketing.venues.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.venues.model.Category;
import dev.ticketing.venues.model.Gaps;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.PlanSeat;
import dev.ticketing.venues.model.Point;
import dev.ticketing.venues.model.Row;
import dev.ticketing.venues.model.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * pretix's seating-plan JSON (its schema, {@code pretix-seating-plan.schema.json} beside this class, with its licence
 * note): read into a {@link Plan} and written back.
 *
 * <p>Reading checks, in this order, each refusal a {@code 400} naming the first offending path: the body is JSON;
 * it keeps pretix's schema (every level {@code additionalProperties: false}, each seat with {@code seat_guid},
 * {@code seat_number}, {@code position} and {@code category}); then {@link dev.ticketing.venues.model.PlanRules} (unique seat ids, categories
 * defined, at most 100,000 seats). Positions: a seat's is an offset from its row's, the row's from its zone's (as pretix
 * computes them); the plan keeps absolute positions. Gaps come from {@link Gaps}' distance rule (pretix states none).
 *
 * <p>Writing gives the same file back, up to key order and number spelling ({@code 20.0} comes back {@code 20}):
 * every member the plan does not use ({@code uuid}, {@code zone_id}, {@code radius}, {@code start_direction},
 * {@code row_number_position}, areas, an explicit {@code null} label) is kept with its part. The flags and gaps have
 * no place in pretix's form and are not written (the project's own form, {@link TicketingPlans}, has them).
 */
public final class PretixPlans {
    private static final PlanSchema SCHEMA = PlanSchema.load("pretix-seating-plan.schema.json");

    private PretixPlans() {
    }

    /** The plan of {@code text}, or the {@code 400} of its first offending part. */
    public static Plan read(String text) {
        return SCHEMA.read(text, PretixPlans::toPlan, PlanFormat.PRETIX);
    }

    private static Plan toPlan(JsonNode tree) {
        List<Category> categories = new ArrayList<>();
        for (JsonNode category : tree.get("categories")) {
            categories.add(new Category(category.get("name").asText(), PlanJson.textOrNull(category, "color"),
                    PlanJson.rest(category, "name", "color")));
        }
        List<Section> sections = new ArrayList<>();
        for (JsonNode zone : tree.get("zones")) {
            Point zoneOrigin = PlanJson.point(zone.get("position"));
            List<Row> rows = new ArrayList<>();
            for (JsonNode row : zone.get("rows")) {
                Point rowOrigin = row.hasNonNull("position") ? PlanJson.point(row.get("position")) : null;
                Point offset = zoneOrigin.plus(rowOrigin);
                List<PlanSeat> seats = new ArrayList<>();
                for (JsonNode seat : row.get("seats")) {
                    seats.add(new PlanSeat(seat.get("seat_guid").asText(), seat.get("seat_number").asText(),
                            offset.plus(PlanJson.point(seat.get("position"))), seat.get("category").asText(),
                            false, false, false, false,
                            PlanJson.rest(seat, "seat_guid", "seat_number", "position", "category")));
                }
                String label = PlanJson.textOrNull(row, "row_label");
                String seatLabel = PlanJson.textOrNull(row, "seat_label");
                // an explicit null label stays in the kept members, so the export writes it again
                rows.add(new Row(row.get("row_number").asText(), label, seatLabel, rowOrigin, seats,
                        PlanJson.rest(row, "row_number", "seats", "position", label == null ? "" : "row_label",
                                seatLabel == null ? "" : "seat_label")));
            }
            sections.add(Gaps.detect(new Section(zone.hasNonNull("name") ? zone.get("name").asText() : null,
                    zoneOrigin, rows, PlanJson.rest(zone, "name", "position", "rows"))));
        }
        return new Plan(tree.get("name").asText(), PlanJson.dimension(tree, "width"), PlanJson.dimension(tree, "height"), null,
                categories, sections, PlanJson.rest(tree, "name", "size", "categories", "zones"));
    }

    /** {@code plan} as pretix's seating-plan JSON. */
    public static ObjectNode write(Plan plan) {
        ObjectNode root = kept(plan.pretix());
        root.put("name", plan.name());
        ObjectNode size = root.putObject("size");
        size.put("width", plan.width());
        size.put("height", plan.height());
        ArrayNode categories = root.putArray("categories");
        for (Category category : plan.categories()) {
            ObjectNode node = kept(category.pretix());
            node.put("name", category.name());
            PlanJson.putText(node, "color", category.color());
            categories.add(node);
        }
        ArrayNode zones = root.putArray("zones");
        for (Section section : plan.sections()) {
            ObjectNode zone = kept(section.pretix());
            PlanJson.putText(zone, "name", section.name());
            zone.set("position", PlanJson.point(section.origin()));
            ArrayNode rows = zone.putArray("rows");
            for (Row row : section.rows()) {
                ObjectNode rowNode = kept(row.pretix());
                rowNode.put("row_number", row.number());
                PlanJson.putText(rowNode, "row_label", row.label());
                PlanJson.putText(rowNode, "seat_label", row.seatLabel());
                PlanJson.putPoint(rowNode, "position", row.origin());
                Point offset = section.origin().plus(row.origin());
                ArrayNode seats = rowNode.putArray("seats");
                for (PlanSeat seat : row.seats()) {
                    ObjectNode seatNode = kept(seat.pretix());
                    seatNode.put("seat_guid", seat.id());
                    seatNode.put("seat_number", seat.number());
                    seatNode.set("position", PlanJson.point(seat.position().minus(offset)));
                    seatNode.put("category", seat.category());
                    seats.add(seatNode);
                }
                rows.add(rowNode);
            }
            zones.add(zone);
        }
        return root;
    }

    /** {@code plan} as pretix's seating-plan JSON text. */
    public static String text(Plan plan) {
        return PlanJson.text(write(plan));
    }

    private static ObjectNode kept(ObjectNode pretix) {
        return pretix == null ? PlanJson.NODES.objectNode() : pretix.deepCopy();
    }
}
