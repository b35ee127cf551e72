package dev.ticketing.seats.map;

import dev.ticketing.seats.model.RowRange;
import dev.ticketing.seats.model.Seat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a viewer sees of an event's seats right now, and whether its sales window is open ({@code salesOpen}). {@code version} changes whenever what anyone would see
 * changes (a hold, a release, a sale, an expiry, a block, sales opening or closing, a new price or sales window), so it serves as the ETag. {@code nextExpiry} is when the first
 * reservation shown will expire by itself (lazy expiry) or sales open or close, {@link Instant#MAX} if never: the map is right until then.
 */
public record SeatMap(String eventId, String version, boolean salesOpen, Instant salesStart, Instant salesEnd,
                      int rows, int columns, String currency, List<Seat> seats, @JsonIgnore Instant nextExpiry) {

    /**
     * One character per seat per row, the first letter of its status ({@code A} available, {@code R} reserved,
     * {@code S} sold, {@code B} blocked: off sale), plus the row's price.
     */
    public record Compact(String eventId, String version, boolean salesOpen, Instant salesStart, Instant salesEnd,
                          String currency, List<Row> rows) {
    }

    public record Row(int row, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, String seats) {
    }

    /**
     * One page of the full map: the seats of whole rows {@code fromRow..toRow}, and the path of the page after it
     * ({@code next}, null on the last page).
     */
    public record Page(String eventId, String version, boolean salesOpen, Instant salesStart, Instant salesEnd,
                       int rows, int columns, String currency, int fromRow, int toRow, List<Seat> seats, String next) {
    }

    /** The seats of these rows, with the link to the next page. */
    public Page page(RowRange range) {
        RowRange next = range.next(rows);
        return new Page(eventId, version, salesOpen, salesStart, salesEnd, rows, columns, currency, range.fromRow(),
                range.toRow(), seats.subList((range.fromRow() - 1) * columns, range.toRow() * columns),
                next == null ? null : pagePath(eventId, next));
    }

    /** Where a page of the full map of an event is: {@code /events/<id>/seats?fromRow=..&toRow=..}. */
    public static String pagePath(String eventId, RowRange range) {
        return "/events/" + eventId + "/seats?fromRow=" + range.fromRow() + "&toRow=" + range.toRow();
    }

    public Compact compact() {
        List<Row> compactRows = new java.util.ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder(columns);
            for (int c = 0; c < columns; c++) {
                line.append(seats.get(r * columns + c).status().name().charAt(0));
            }
            compactRows.add(new Row(r + 1, seats.get(r * columns).price(), line.toString()));
        }
        return new Compact(eventId, version, salesOpen, salesStart, salesEnd, currency, compactRows);
    }
}
