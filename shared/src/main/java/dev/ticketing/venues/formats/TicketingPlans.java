package dev.ticketing.venues.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.venues.model.Category;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.PlanSeat;
import dev.ticketing.venues.model.Point;
import dev.ticketing.venues.model.Row;
import dev.ticketing.venues.model.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own plan form ({@code format=ticketing}; its schema {@code ticketing-plan.schema.json} beside this
 * class; docs/venues.md): what a plan is, with nothing left out, so it is also how a plan version is stored. Seats
 * carry absolute {@code x}, {@code y}, their flags ({@code wheelchair}, {@code companion}, {@code restrictedView}) and
 * {@code gapBefore}, the explicit aisle or gap (absent is {@code false}). Unknown members are refused, as pretix's
 * schema does, so a misspelt flag is an error rather than a seat without it.
 */
public final class TicketingPlans {
    private static final PlanSchema SCHEMA = PlanSchema.load("ticketing-plan.schema.json");
    private static final String PRETIX = "pretix";

    private TicketingPlans() {
    }

    /** The plan of {@code text} as a client sent it, or the {@code 400} of its first offending part. */
    public static Plan read(String text) {
        return SCHEMA.read(text, TicketingPlans::toPlan, PlanFormat.TICKETING);
    }

    /** The plan of text this class wrote (a stored version): not checked again. */
    public static Plan readStored(String text) {
        return toPlan(PlanJson.parse(text));
    }

    private static Plan toPlan(JsonNode tree) {
        List<Category> categories = new ArrayList<>();
        for (JsonNode category : tree.get("categories")) {
            categories.add(new Category(category.get("name").asText(), PlanJson.textOrNull(category, "color"),
                    kept(category)));
        }
        List<Section> sections = new ArrayList<>();
        for (JsonNode section : tree.get("sections")) {
            List<Row> rows = new ArrayList<>();
            for (JsonNode row : section.get("rows")) {
                List<PlanSeat> seats = new ArrayList<>();
                for (JsonNode seat : row.get("seats")) {
                    seats.add(new PlanSeat(seat.get("id").asText(), seat.get("number").asText(),
                            new Point(seat.get("x").decimalValue(), seat.get("y").decimalValue()),
                            seat.get("category").asText(), flag(seat, "wheelchair"), flag(seat, "companion"),
                            flag(seat, "restrictedView"), flag(seat, "gapBefore"), kept(seat)));
                }
                rows.add(new Row(row.get("number").asText(), PlanJson.textOrNull(row, "label"),
                        PlanJson.textOrNull(row, "seatLabel"),
                        row.has("origin") ? PlanJson.point(row.get("origin")) : null, seats, kept(row)));
            }
            sections.add(new Section(PlanJson.textOrNull(section, "name"),
                    section.has("origin") ? PlanJson.point(section.get("origin")) : Point.ORIGIN, rows, kept(section)));
        }
        return new Plan(tree.get("name").asText(), PlanJson.dimension(tree, "width"), PlanJson.dimension(tree, "height"),
                tree.has("focalPoint") ? PlanJson.point(tree.get("focalPoint")) : null, categories, sections,
                kept(tree));
    }

    /** {@code plan} in the project's own form. */
    public static ObjectNode write(Plan plan) {
        ObjectNode root = PlanJson.NODES.objectNode();
        root.put("format", "ticketing");
        root.put("name", plan.name());
        ObjectNode size = root.putObject("size");
        size.put("width", plan.width());
        size.put("height", plan.height());
        PlanJson.putPoint(root, "focalPoint", plan.focalPoint());
        ArrayNode categories = root.putArray("categories");
        for (Category category : plan.categories()) {
            ObjectNode node = categories.addObject().put("name", category.name());
            PlanJson.putText(node, "color", category.color());
            keep(node, category.pretix());
        }
        ArrayNode sections = root.putArray("sections");
        for (Section section : plan.sections()) {
            ObjectNode sectionNode = sections.addObject();
            PlanJson.putText(sectionNode, "name", section.name());
            sectionNode.set("origin", PlanJson.point(section.origin()));
            ArrayNode rows = sectionNode.putArray("rows");
            for (Row row : section.rows()) {
                ObjectNode rowNode = rows.addObject().put("number", row.number());
                PlanJson.putText(rowNode, "label", row.label());
                PlanJson.putText(rowNode, "seatLabel", row.seatLabel());
                PlanJson.putPoint(rowNode, "origin", row.origin());
                ArrayNode seats = rowNode.putArray("seats");
                for (PlanSeat seat : row.seats()) {
                    ObjectNode seatNode = seats.addObject().put("id", seat.id()).put("number", seat.number());
                    seatNode.set("x", PlanJson.number(seat.position().x()));
                    seatNode.set("y", PlanJson.number(seat.position().y()));
                    seatNode.put("category", seat.category());
                    flag(seatNode, "wheelchair", seat.wheelchair());
                    flag(seatNode, "companion", seat.companion());
                    flag(seatNode, "restrictedView", seat.restrictedView());
                    flag(seatNode, "gapBefore", seat.gapBefore());
                    keep(seatNode, seat.pretix());
                }
                keep(rowNode, row.pretix());
            }
            keep(sectionNode, section.pretix());
        }
        keep(root, plan.pretix());
        return root;
    }

    /** {@code plan} in the project's own form, as text. */
    public static String text(Plan plan) {
        return PlanJson.text(write(plan));
    }

    private static boolean flag(JsonNode seat, String name) {
        return seat.has(name) && seat.get(name).booleanValue();
    }

    private static void flag(ObjectNode seat, String name, boolean value) {
        if (value) {
            seat.put(name, true);
        }
    }

    private static ObjectNode kept(JsonNode node) {
        JsonNode pretix = node.get(PRETIX);
        return pretix instanceof ObjectNode object && !object.isEmpty() ? object.deepCopy() : null;
    }

    private static void keep(ObjectNode node, ObjectNode pretix) {
        if (pretix != null) {
            node.set(PRETIX, pretix.deepCopy());
        }
    }
}
