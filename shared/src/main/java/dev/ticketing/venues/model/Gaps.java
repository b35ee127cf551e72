package dev.ticketing.venues.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a gap is recognised in a row whose format does not state gaps (pretix's, seats.io's): by distance. A row's
 * usual spacing is the lower median of the distances between its consecutive seats (a row of fewer than four seats
 * has too few: its section's lower median is used). Two consecutive seats further apart than
 * {@link #FACTOR} times the usual spacing have a gap (an aisle) between them. An aisle is wider than the space between
 * two chairs, while a curved row's spacing barely changes along it, so the factor tells one from the other; an
 * organiser can still set or clear any gap on the plan ({@code PATCH /venues/{id}/plan}).
 *
 * <p>Example (docs/venues.md): row A at x = 20, 45, 120, 145 has distances 25, 75, 25; usual spacing 25; 75 &gt;
 * 37.5, so seat 3 has a gap before it: "2 together" is A-1 + A-2 or A-3 + A-4, never A-2 + A-3.
 */
public final class Gaps {
    /** How many times its row's usual spacing a distance must exceed to be a gap. */
    public static final double FACTOR = 1.5;
    /** Rows with fewer distances than this use their section's usual spacing. */
    private static final int MIN_DISTANCES = 3;

    private Gaps() {
    }

    /** {@code section} with each seat's {@link PlanSeat#gapBefore} set by the distance rule. */
    public static Section detect(Section section) {
        double sectionSpacing = lowerMedian(section.rows().stream().flatMap(row -> distances(row).stream()).toList());
        return new Section(section.name(), section.origin(), section.rows().stream().map(row -> {
            List<Double> distances = distances(row);
            double usual = distances.size() >= MIN_DISTANCES ? lowerMedian(distances) : sectionSpacing;
            List<PlanSeat> seats = new ArrayList<>(row.seats().size());
            for (int i = 0; i < row.seats().size(); i++) {
                PlanSeat seat = row.seats().get(i);
                boolean gap = i > 0 && usual > 0 && distances.get(i - 1) > FACTOR * usual;
                seats.add(seat.withFlags(null, null, null, gap));
            }
            return new Row(row.number(), row.label(), row.seatLabel(), row.origin(), seats, row.pretix());
        }).toList(), section.pretix());
    }

    private static List<Double> distances(Row row) {
        List<Double> distances = new ArrayList<>();
        for (int i = 1; i < row.seats().size(); i++) {
            distances.add(row.seats().get(i - 1).position().distanceTo(row.seats().get(i).position()));
        }
        return distances;
    }

    private static double lowerMedian(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}
