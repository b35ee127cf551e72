package dev.ticketing.seats.model;

import dev.ticketing.problems.InvalidRequestException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A seat's place in the plan; its public id is {@code "<row>-<column>"}, both 1-based, e.g. {@code "12-7"}. */
public record SeatId(int row, int column) implements Comparable<SeatId> {
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,3})-([1-9][0-9]{0,3})");

    public static SeatId parse(String id) {
        Matcher m = id == null ? null : FORMAT.matcher(id);
        if (m == null || !m.matches()) {
            throw new InvalidRequestException("\"" + id + "\" is not a seat id (expected <row>-<column>, e.g. 12-7)");
        }
        return new SeatId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
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
