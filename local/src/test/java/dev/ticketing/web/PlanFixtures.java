package dev.ticketing.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Venue plans as {@code GET /events/{id}/plan} gives them (the shape the buyer's page draws), generated: a ~1,200-seat
 * theatre (stalls and balcony, curved rows around the stage, a centre aisle, wheelchair places with companion seats,
 * restricted views at the balcony's ends, three categories, one of them with a pale colour the map must darken) and
 * a 20,000-seat arena (16 sections in a ring around a central stage, the last rows cut to make it exactly 20,000). Each comes with a compact map's rows (one
 * letter per seat, in plan order) of a seeded mix of states.
 */
final class PlanFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A plan and the letters of its seats, row by row. */
    record Fixture(ObjectNode plan, List<StringBuilder> letters, int seats) {
        String firstSeatOf(String rowLabel) {
            for (var row : plan.get("rows")) {
                if (row.get("label").asText().equals(rowLabel)) {
                    return row.get("seats").get(0).get("id").asText();
                }
            }
            throw new IllegalArgumentException(rowLabel);
        }
    }

    private PlanFixtures() {
    }

    /**
     * The theatre: the stage at the top centre (focal point 700, 40); 18 stalls rows A-R on arcs around it, split by
     * a centre aisle; 10 balcony rows A-J behind. Categories: Premium (stalls A-F), Standard (stalls G-R), Balcony.
     * Row R's two seats at the aisle on each side are wheelchair places, each with a companion seat beside it.
     */
    static Fixture theatre() {
        ObjectNode plan = base("Teatro Verdi", 1400, 1150, 700, 40);
        ArrayNode categories = plan.putArray("categories");
        categories.addObject().put("name", "Premium").put("color", "#c2185b");
        categories.addObject().put("name", "Standard").put("color", "#1565c0");
        categories.addObject().put("name", "Balcony").put("color", "#f3e2a9");   // pale: drawn darker
        ArrayNode rows = plan.putArray("rows");
        List<StringBuilder> letters = new ArrayList<>();
        Random random = new Random(20);
        int count = 0;
        int number = 1;
        for (int r = 0; r < 28; r++) {
            boolean balcony = r >= 18;
            String section = balcony ? "Balcony" : "Stalls";
            String rowName = String.valueOf((char) ('A' + (balcony ? r - 18 : r)));
            double radius = 240 + r * 28 + (balcony ? 90 : 0);
            String category = balcony ? "Balcony" : r < 6 ? "Premium" : "Standard";
            ObjectNode row = rows.addObject().put("row", number++).put("section", section).put("label", "Row " + rowName);
            ArrayNode seats = row.putArray("seats");
            StringBuilder rowLetters = new StringBuilder();
            // seats 24 units apart along the arc, an aisle of 60 units at the centre; rows widen as they go back
            double step = 24 / radius;
            double aisle = 30 / radius;
            int perSide = (int) Math.floor(radius * (balcony ? 0.62 : 0.95) / 24);
            List<Double> angles = new ArrayList<>();
            for (int k = perSide - 1; k >= 0; k--) {
                angles.add(-(aisle + k * step));
            }
            for (int k = 0; k < perSide; k++) {
                angles.add(aisle + k * step);
            }
            for (int k = 0; k < angles.size(); k++) {
                double a = angles.get(k);
                double x = 700 + radius * Math.sin(a);
                double y = 40 + radius * Math.cos(a);
                boolean atAisle = k == perSide - 1 || k == perSide;
                boolean nextToAisle = k == perSide - 2 || k == perSide + 1;
                boolean wheelchair = r == 17 && atAisle;
                boolean companion = r == 17 && nextToAisle;
                boolean restricted = balcony && (k < 2 || k >= angles.size() - 2);
                seats.addObject().put("id", (balcony ? "bc-" : "st-") + rowName + "-" + (k + 1))
                        .put("seat", "Seat " + (k + 1)).put("category", category)
                        .put("x", Math.round(x * 10) / 10.0).put("y", Math.round(y * 10) / 10.0)
                        .put("wheelchair", wheelchair).put("companion", companion).put("restrictedView", restricted);
                double roll = random.nextDouble();
                rowLetters.append(wheelchair || companion ? 'A' : roll < 0.18 ? 'S' : roll < 0.26 ? 'R' : roll < 0.28 ? 'B' : 'A');
                count++;
            }
            letters.add(rowLetters);
        }
        return new Fixture(plan, letters, count);
    }

    /** The arena: 16 sections in a ring around a central stage (focal point 1600, 1600), rows of growing length. */
    static Fixture arena() {
        ObjectNode plan = base("Arena Nord", 3200, 3200, 1600, 1600);
        ArrayNode categories = plan.putArray("categories");
        categories.addObject().put("name", "Floor ring").put("color", "#2e7d32");
        categories.addObject().put("name", "Middle ring").put("color", "#6a1b9a");
        categories.addObject().putNull("color").put("name", "Upper ring");
        ArrayNode rows = plan.putArray("rows");
        List<StringBuilder> letters = new ArrayList<>();
        Random random = new Random(16);
        int count = 0;
        int number = 1;
        double span = Math.toRadians(22.5 - 2.5);
        for (int s = 0; s < 16 && count < 20_000; s++) {
            double start = Math.toRadians(s * 22.5);
            String section = "Section " + (101 + s);
            for (int r = 0; r < 69 && count < 20_000; r++) {
                double radius = 300 + r * 18;
                int seatsInRow = Math.max(4, (int) Math.floor(radius * span / 17));
                String category = r < 20 ? "Floor ring" : r < 45 ? "Middle ring" : "Upper ring";
                ObjectNode row = rows.addObject().put("row", number++).put("section", section).put("label", "Row " + (r + 1));
                ArrayNode seats = row.putArray("seats");
                StringBuilder rowLetters = new StringBuilder();
                for (int k = 0; k < seatsInRow && count < 20_000; k++) {
                    double a = start + span * (k + 0.5) / seatsInRow;
                    seats.addObject().put("id", "s" + (101 + s) + "-" + (r + 1) + "-" + (k + 1)).put("seat", "Seat " + (k + 1))
                            .put("category", category)
                            .put("x", Math.round((1600 + radius * Math.cos(a)) * 10) / 10.0)
                            .put("y", Math.round((1600 + radius * Math.sin(a)) * 10) / 10.0)
                            .put("wheelchair", r == 0 && k < 2).put("companion", r == 0 && k == 2).put("restrictedView", false);
                    rowLetters.append(random.nextDouble() < 0.3 ? 'S' : 'A');
                    count++;
                }
                letters.add(rowLetters);
            }
        }
        return new Fixture(plan, letters, count);
    }

    private static ObjectNode base(String name, int width, int height, int focalX, int focalY) {
        ObjectNode plan = JSON.createObjectNode();
        plan.putNull("eventId");
        plan.put("venueId", "venue-" + name.toLowerCase().replace(' ', '-'));
        plan.put("version", 1).put("name", name).put("width", width).put("height", height);
        plan.putObject("focalPoint").put("x", focalX).put("y", focalY);
        return plan;
    }
}
