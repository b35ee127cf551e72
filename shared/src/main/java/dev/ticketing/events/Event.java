package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ticketing.problems.ConflictException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A show with a rectangular seat plan of {@code rows x columns} seats, priced by row, sold from {@code salesStart}
 * (inclusive) to {@code salesEnd} (exclusive), with its {@link SingleSeatRule}.
 */
public record Event(String id, String name, Instant date, int rows, int columns, String currency,
                    List<PriceTier> prices, @JsonIgnore int rowsPerBlock, SingleSeatRule singleSeatRule,
                    Instant salesStart, Instant salesEnd) {

    /** Seats of an event are stored in blocks of whole rows of about this many seats, one partition each. */
    static final int SEATS_PER_BLOCK = 1000;

    /** An event on sale from the beginning of time until its date, any pick allowed. */
    public Event(String id, String name, Instant date, int rows, int columns, String currency, List<PriceTier> prices,
                 int rowsPerBlock) {
        this(id, name, date, rows, columns, currency, prices, rowsPerBlock, SingleSeatRule.ALLOW, Instant.EPOCH, date);
    }

    public static int rowsPerBlockFor(int columns) {
        return Math.max(1, SEATS_PER_BLOCK / columns);
    }

    public int seatCount() {
        return rows * columns;
    }

    public int blockOf(int row) {
        return (row - 1) / rowsPerBlock;
    }

    public int blockCount() {
        return blockOf(rows) + 1;
    }

    public BigDecimal priceOf(int row) {
        return prices.stream().filter(tier -> tier.covers(row)).findFirst()
                .map(PriceTier::price)
                .orElseThrow(() -> new IllegalStateException("row " + row + " of event " + id + " has no price"));
    }

    /** Whether the hall has a seat at this row and column (both from 1). */
    public boolean contains(int row, int column) {
        return row >= 1 && row <= rows && column >= 1 && column <= columns;
    }

    /** Whether seats of this event may be held and paid for at {@code now}: {@code salesStart <= now < salesEnd}. */
    public boolean salesOpenAt(Instant now) {
        return !now.isBefore(salesStart) && now.isBefore(salesEnd);
    }

    /** The next moment the answer of {@link #salesOpenAt} changes after {@code now}, {@link Instant#MAX} if never. */
    public Instant nextSalesChangeAfter(Instant now) {
        if (now.isBefore(salesStart)) {
            return salesStart;
        }
        return now.isBefore(salesEnd) ? salesEnd : Instant.MAX;
    }

    /** A 409 {@code sales-closed} naming the window, unless sales are open at {@code now}. */
    public void requireSalesOpen(Instant now) {
        if (salesOpenAt(now)) {
            return;
        }
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("eventId", id);
        window.put("salesStart", salesStart.toString());
        window.put("salesEnd", salesEnd.toString());
        throw new ConflictException("sales-closed", "Sales closed",
                now.isBefore(salesStart)
                        ? "Sales for this event open at " + salesStart
                        : "Sales for this event closed at " + salesEnd,
                window);
    }
}
