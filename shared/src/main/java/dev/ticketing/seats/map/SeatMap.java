package dev.ticketing.seats.map;

import dev.ticketing.seats.model.RowRange;
import dev.ticketing.seats.model.Seat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.events.model.CategoryPrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a viewer sees of an event's seats right now, and whether its sales window is open ({@code salesOpen}). {@code version} changes whenever what anyone would see
 * changes (a hold, a release, a sale, an expiry, a block, sales opening or closing, a new price or sales window), so it serves as the ETag. {@code nextExpiry} is when the first
 * reservation shown will expire by itself (lazy expiry) or sales open or close, {@link Instant#MAX} if never: the map is right until then.
 */
public record SeatMap(String eventId, String version, boolean salesOpen, Instant salesStart, Instant salesEnd,
                      int rows, int columns, String currency,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<CategoryPrice> categoryPrices, List<Seat> seats,
                      @JsonIgnore Instant nextExpiry) {

    /**
     * One character per seat per row, the first letter of its status ({@code A} available, {@code R} reserved,
     * {@code S} sold, {@code B} blocked: off sale), plus the row's price. On a plan, a row's characters are its seats
     * in the plan's order ({@code GET /events/{id}/plan} names them), the row's price is null and
     * {@code categoryPrices} has the prices.
     */
    public record Compact(String eventId, String version, boolean salesOpen, Instant salesStart, Instant salesEnd,
                          String currency,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<CategoryPrice> categoryPrices,
                          List<Row> rows) {
    }

    public record Row(int row,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
                      String seats) {
    }

    /**
     * One page of the full map: the seats of whole rows {@code fromRow..toRow}, and the path of the page after it
     * ({@code next}, null on the last page).
     */
    public record Page(String eventId, String version, boolean salesOpen, Instant salesStart, Instant salesEnd,
                       int rows, int columns, String currency,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<CategoryPrice> categoryPrices, int fromRow,
                       int toRow, List<Seat> seats, String next) {
    }

    /** The seats of these rows, with the link to the next page. */
    public Page page(RowRange range) {
        RowRange next = range.next(rows);
        int[] starts = rowStarts();
        return new Page(eventId, version, salesOpen, salesStart, salesEnd, rows, columns, currency, categoryPrices,
                range.fromRow(), range.toRow(), seats.subList(starts[range.fromRow()], starts[range.toRow() + 1]),
                next == null ? null : pagePath(eventId, next));
    }

    /** Where each grid row's seats start in {@code seats} (index {@code rows + 1}: the end); rows may differ in length. */
    private int[] rowStarts() {
        int[] starts = new int[rows + 2];
        int row = 1;
        for (int i = 0; i < seats.size(); i++) {
            while (row <= seats.get(i).row()) {
                starts[row++] = i;
            }
        }
        while (row <= rows + 1) {
            starts[row++] = seats.size();
        }
        return starts;
    }

    /** Where a page of the full map of an event is: {@code /events/<id>/seats?fromRow=..&toRow=..}. */
    public static String pagePath(String eventId, RowRange range) {
        return "/events/" + eventId + "/seats?fromRow=" + range.fromRow() + "&toRow=" + range.toRow();
    }

    public Compact compact() {
        List<Row> compactRows = new java.util.ArrayList<>(rows);
        int[] starts = rowStarts();
        for (int r = 1; r <= rows; r++) {
            StringBuilder line = new StringBuilder(starts[r + 1] - starts[r]);
            for (int i = starts[r]; i < starts[r + 1]; i++) {
                line.append(seats.get(i).status().name().charAt(0));
            }
            compactRows.add(new Row(r, categoryPrices == null ? seats.get(starts[r]).price() : null, line.toString()));
        }
        return new Compact(eventId, version, salesOpen, salesStart, salesEnd, currency, categoryPrices, compactRows);
    }
}
