package dev.ticketing.venues.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sample seating plans: the local stack's demo venue, the venue tests' and the venue benchmark's. In pretix's form: the small example of ../shared/venues/FORMATS.md (a row with
 * an aisle), and generated halls of any size shaped like real ones: sections side by side, curved rows of different
 * lengths with a centre aisle, three categories by distance from the stage, and the members pretix keeps that the
 * plan itself does not use (uuids, radius, start_direction, row_number_position, an explicit null label, areas), so a
 * round trip has all of them to give back.
 */
public final class SamplePlans {
    private SamplePlans() {
    }

    /** FORMATS.md's example: row A has an aisle between seats 2 and 3. */
    public static String studio() {
        return sample("studio.pretix.json");
    }

    /**
     * A small seats.io chart (docs/venues.md, "seats.io import"): rows A (an aisle between seats 2 and 3; a wheelchair
     * place, its companion seat, a restricted view) and B outside sections, and a section "Box" placed at (180, 150)
     * whose row A takes the section's category but for its seat 4; decoration members the import ignores.
     */
    public static String seatsIoChart() {
        return sample("club.seatsio.json");
    }

    private static String sample(String name) {
        try (InputStream in = SamplePlans.class.getResourceAsStream("samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A generated hall of {@code seats} seats: sections of up to 1,000 seats, rows of 20 to 40 seats curving round
     * the stage, each with a centre aisle (a gap of three seats' spacing); seat ids {@code <prefix>-s<section>-<row
     * label>-<n>}. A tenth of the seats are at fractional positions.
     */
    public static String hall(String name, String prefix, int seats) {
        StringBuilder json = new StringBuilder(seats * 130);
        json.append("{\"name\":\"").append(name).append("\",\"size\":{\"width\":4000,\"height\":3000},")
                .append("\"categories\":[{\"name\":\"A\",\"color\":\"#d33\"},{\"name\":\"B\"},{\"name\":\"C\",\"color\":\"#36c\"}],")
                .append("\"zones\":[");
        int left = seats;
        for (int section = 0; left > 0; section++) {
            int inSection = Math.min(1_000, left);
            left -= inSection;
            if (section > 0) {
                json.append(',');
            }
            json.append("{\"name\":\"Section ").append(section + 1).append("\",\"zone_id\":\"z").append(section)
                    .append("\",\"uuid\":\"zone-").append(section).append("\",\"position\":{\"x\":")
                    .append(section % 4 * 1000).append(",\"y\":").append(section / 4 * 800).append("},\"rows\":[");
            int row = 0;
            while (inSection > 0) {
                int length = Math.min(inSection, 20 + row % 21);
                inSection -= length;
                if (row > 0) {
                    json.append(',');
                }
                String label = rowLabel(row);
                json.append("{\"row_number\":\"").append(label).append('"');
                json.append(row % 5 == 0 ? ",\"row_label\":null" : ",\"row_label\":\"Row %s\"");
                if (row % 3 == 0) {
                    json.append(",\"seat_label\":\"Seat %s\",\"row_number_position\":\"both\"");
                }
                json.append(",\"uuid\":\"row-").append(section).append('-').append(row)
                        .append("\",\"position\":{\"x\":0,\"y\":").append(100 + row * 30).append("},\"seats\":[");
                for (int n = 1; n <= length; n++) {
                    if (n > 1) {
                        json.append(',');
                    }
                    // a curve: the row bends towards the stage at its ends; the aisle after the middle seat
                    int centre = length / 2;
                    double x = 40 + (n - 1) * 25 + (n > centre ? 50 : 0);
                    double y = Math.pow(n - centre - 0.5, 2) * 0.4;
                    String category = row < 5 ? "A" : row < 12 ? "B" : "C";
                    json.append("{\"seat_guid\":\"").append(prefix).append("-s").append(section).append('-')
                            .append(label).append('-').append(n).append("\",\"seat_number\":\"").append(n)
                            .append("\",\"position\":{\"x\":").append(number(x, n)).append(",\"y\":")
                            .append(number(y, n)).append("},\"category\":\"").append(category).append('"');
                    if (n % 10 == 0) {
                        json.append(",\"uuid\":\"seat-").append(section).append('-').append(row).append('-').append(n)
                                .append("\",\"radius\":9");
                    }
                    if (n == 1) {
                        json.append(",\"start_direction\":\">\"");
                    }
                    json.append('}');
                }
                json.append("]}");
                row++;
            }
            json.append("],\"areas\":[{\"shape\":\"text\",\"text\":{\"text\":\"Section ").append(section + 1)
                    .append("\",\"position\":{\"x\":10,\"y\":10}}}]}");
        }
        return json.append("]}").toString();
    }

    private static String number(double value, int n) {
        return n % 10 == 3 ? String.format(Locale.ROOT, "%.2f", value) : Long.toString(Math.round(value));
    }

    private static String rowLabel(int row) {
        return row < 26 ? String.valueOf((char) ('A' + row)) : "A" + (char) ('A' + row % 26) + (row / 26);
    }

    /**
     * A theatre of about 1,200 seats in the project's own form: stalls (rows A to T, 30 to 40 seats, curved, a centre
     * aisle stated by {@code gapBefore}; category A in rows A-H, B behind) and a balcony (rows A to J, 46 to 55 seats,
     * category C; its row A's two end seats have a restricted view). Row T of the stalls has a wheelchair place at
     * each end, each with its companion seat beside it. Seat ids {@code th-<S|B>-<row>-<n>}.
     */
    public static String theatre() {
        StringBuilder json = new StringBuilder(200_000);
        json.append("{\"format\":\"ticketing\",\"name\":\"Teatro\",\"size\":{\"width\":1400,\"height\":1300},")
                .append("\"categories\":[{\"name\":\"A\",\"color\":\"#c0392b\"},{\"name\":\"B\",\"color\":\"#2471a3\"},")
                .append("{\"name\":\"C\",\"color\":\"#1e8449\"}],\"sections\":[");
        theatreSection(json, "Stalls", "S", 20, 100, row -> 30 + row % 6 * 2, row -> row < 8 ? "A" : "B");
        json.append(',');
        theatreSection(json, "Balcony", "B", 10, 800, row -> 46 + row, row -> "C");
        return json.append("]}").toString();
    }

    private static void theatreSection(StringBuilder json, String name, String code, int rows, int top,
                                       java.util.function.IntUnaryOperator length,
                                       java.util.function.IntFunction<String> category) {
        json.append("{\"name\":\"").append(name).append("\",\"origin\":{\"x\":0,\"y\":").append(top)
                .append("},\"rows\":[");
        for (int row = 0; row < rows; row++) {
            String label = String.valueOf((char) ('A' + row));
            int seats = length.applyAsInt(row);
            int centre = seats / 2;
            json.append(row == 0 ? "" : ",").append("{\"number\":\"").append(label)
                    .append("\",\"label\":\"").append(name).append(", row %s\",\"seats\":[");
            for (int n = 1; n <= seats; n++) {
                double x = 700 + (n - centre - 0.5) * 24 + (n > centre ? 30 : -30);
                double y = top + 40 + row * 30 + Math.pow(n - centre - 0.5, 2) * 0.12;
                json.append(n == 1 ? "" : ",").append("{\"id\":\"th-").append(code).append('-').append(label).append('-')
                        .append(n).append("\",\"number\":\"").append(n).append("\",\"x\":")
                        .append(String.format(Locale.ROOT, "%.1f", x)).append(",\"y\":")
                        .append(String.format(Locale.ROOT, "%.1f", y)).append(",\"category\":\"")
                        .append(category.apply(row)).append('"');
                if (n == centre + 1) {
                    json.append(",\"gapBefore\":true");
                }
                boolean lastStallsRow = code.equals("S") && row == rows - 1;
                if (lastStallsRow && (n == 1 || n == seats)) {
                    json.append(",\"wheelchair\":true");
                }
                if (lastStallsRow && (n == 2 || n == seats - 1)) {
                    json.append(",\"companion\":true");
                }
                if (code.equals("B") && row == 0 && (n == 1 || n == seats)) {
                    json.append(",\"restrictedView\":true");
                }
                json.append('}');
            }
            json.append("]}");
        }
        json.append("]}");
    }
}
