package dev.ticketing.seats.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/** A seat as the seat map shows it: {@code status} is what everyone sees now (an expired hold reads AVAILABLE). */
public record Seat(String id, int row, int column, SeatStatus status,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) {
}
