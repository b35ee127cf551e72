package dev.ticketing.holds.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * A seat of a hold: its public id, its place in the engine's grid (row and column), its price, and its name as
 * people read it and tickets print it ({@code label}: "Row 5, Seat 6" in a rectangle, "Stalls, row I, Seat 16" on a
 * venue's plan; null on a hold stored before labels were kept).
 */
public record HeldSeat(String id, int row, int column, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
                       String label) {
}
