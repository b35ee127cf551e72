package dev.ticketing.holds.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

public record HeldSeat(String id, int row, int column, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) {
}
