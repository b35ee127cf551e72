package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/** The price of every seat in rows {@code fromRow..toRow} (1-based, inclusive). */
public record PriceTier(int fromRow, int toRow, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) {
    public boolean covers(int row) {
        return row >= fromRow && row <= toRow;
    }
}
