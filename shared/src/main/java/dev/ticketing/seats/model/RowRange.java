package dev.ticketing.seats.model;

import dev.ticketing.problems.InvalidRequestException;

/**
 * Which whole rows one page of the full seat map holds ({@code fromRow..toRow}, from 1, inclusive). A page holds at
 * most {@link #MAX_SEATS} seats: a seat of the full map is at most 80 bytes of JSON (ids, rows and columns of three
 * digits, {@code "AVAILABLE"}, a price of {@code "999999.99"}), so a page stays under 0.8 MB, below the 1 MB a response
 * may carry (Lambda's limit is 6 MB; a 100,000-seat map in one piece was 7.5-8.4 MB).
 */
public record RowRange(int fromRow, int toRow) {
    /** The most seats one page of the full map holds. */
    public static final int MAX_SEATS = 10_000;

    /** The rows a page of a map {@code columns} wide holds at most (at least one: a row is at most 500 seats). */
    public static int rowsPerPage(int columns) {
        return Math.max(1, MAX_SEATS / columns);
    }

    /**
     * The rows asked for ({@code fromRow}, {@code toRow}: query parameters, nullable) of a map of {@code rows} x
     * {@code columns}: by default from row 1, as many rows as a page holds; {@code toRow} alone is not enough.
     *
     * @throws InvalidRequestException (400) a value that is not a row number of the map, a range that runs backwards,
     *                                 or more rows than a page holds
     */
    public static RowRange of(String fromRow, String toRow, int rows, int columns) {
        int perPage = rowsPerPage(columns);
        int from = fromRow == null ? 1 : row("fromRow", fromRow, rows);
        int to = toRow == null ? Math.min(rows, from + perPage - 1) : row("toRow", toRow, rows);
        if (to < from) {
            throw new InvalidRequestException("toRow " + to + " is before fromRow " + from);
        }
        if (to - from + 1 > perPage) {
            throw new InvalidRequestException("a page of this map holds at most " + perPage + " rows ("
                    + MAX_SEATS + " seats); ask for fromRow=" + from + "&toRow=" + (from + perPage - 1) + " and go on");
        }
        return new RowRange(from, to);
    }

    /** The page after this one, as long as this one, if the map has more rows. */
    public RowRange next(int rows) {
        return toRow >= rows ? null : new RowRange(toRow + 1, Math.min(rows, toRow + (toRow - fromRow + 1)));
    }

    private static int row(String name, String value, int rows) {
        try {
            int row = Integer.parseInt(value);
            if (row >= 1 && row <= rows) {
                return row;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequestException(name + " must be a row of this map, 1.." + rows);
    }
}
