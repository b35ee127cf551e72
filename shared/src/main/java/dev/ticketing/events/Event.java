package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A show with a rectangular seat plan of {@code rows x columns} seats, priced by row. */
public record Event(String id, String name, Instant date, int rows, int columns, String currency,
                    List<PriceTier> prices, @JsonIgnore int rowsPerBlock) {

    /** Seats of an event are stored in blocks of whole rows of about this many seats, one partition each. */
    static final int SEATS_PER_BLOCK = 1000;

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
}
