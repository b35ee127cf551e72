package dev.ticketing.seats.model;

import dev.ticketing.problems.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seat's place in the engine's grid, row and column both 1-based. A rectangle's seat has {@code "<row>-<column>"}
 * as its public id, e.g. {@code "12-7"}; a plan's seat the plan's own id ({@link SeatLayout#idOf}).
 */
public record SeatId(int row, int column) implements Comparable<SeatId> {
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,3})-([1-9][0-9]{0,3})");

    public static SeatId parse(String id) {
        Matcher m = id == null ? null : FORMAT.matcher(id);
        if (m == null || !m.matches()) {
            throw new InvalidRequestException("\"" + id + "\" is not a seat id (expected <row>-<column>, e.g. 12-7)");
        }
        return new SeatId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The seats of a request's list, sorted, or a 400: an id that is not one ({@link #parse}), a seat asked twice
     * ({@code duplicateSeats}) or one the hall of {@code eventId} does not have ({@code unknownSeats}: its
     * {@link SeatLayout#find} finds none). The caller checks that the list is there and not too long.
     */
    public static List<SeatId> parseAll(List<String> ids, String eventId, SeatLayout layout) {
        Set<String> unique = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String seat : ids) {
            if (!unique.add(seat)) {
                duplicates.add(seat);
            }
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidRequestException("Each seat may be asked once; repeated: " + String.join(", ", duplicates),
                    Map.of("duplicateSeats", duplicates));
        }
        List<String> unknown = new ArrayList<>();
        List<SeatId> parsed = new ArrayList<>();
        for (String seat : ids) {
            layout.find(seat).ifPresentOrElse(parsed::add, () -> unknown.add(seat));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("These seats do not exist in event " + eventId + ": "
                    + String.join(", ", unknown), Map.of("unknownSeats", unknown));
        }
        return parsed.stream().sorted().toList();
    }

    @Override
    public String toString() {
        return row + "-" + column;
    }

    @Override
    public int compareTo(SeatId other) {
        return row != other.row ? Integer.compare(row, other.row) : Integer.compare(column, other.column);
    }
}
