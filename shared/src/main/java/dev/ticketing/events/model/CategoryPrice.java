package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/** The price of every seat of a plan's {@code category} (an event on a venue's plan, issue 20). */
public record CategoryPrice(String category, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) {
}
