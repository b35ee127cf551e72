package dev.ticketing.seats.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * A seat as the seat map shows it: {@code status} is what everyone sees now (an expired hold reads AVAILABLE).
 * A rectangle's seat answers {@code id, row, column, status, price}; a plan's seat ({@code place} not null) answers
 * {@code id, section, row} (its row's label), {@code seat} (its label), {@code category, price, status, x, y} and its
 * flags (API.md, round 3). {@code row} and {@code column} are always its place in the engine's grid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "section", "row", "column", "seat", "category", "price", "status", "x", "y", "wheelchair",
        "companion", "restrictedView"})
public record Seat(String id, @JsonIgnore int row, @JsonIgnore int column, SeatStatus status,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, @JsonIgnore SeatPlace place) {

    /** A rectangle's seat. */
    public Seat(String id, int row, int column, SeatStatus status, BigDecimal price) {
        this(id, row, column, status, price, null);
    }

    @JsonProperty("row")
    Object rowName() {
        return place == null ? Integer.valueOf(row) : place.row();
    }

    @JsonProperty("column")
    Integer columnNumber() {
        return place == null ? column : null;
    }

    @JsonProperty("section")
    String section() {
        return place == null ? null : place.section();
    }

    @JsonProperty("seat")
    String seat() {
        return place == null ? null : place.seat();
    }

    @JsonProperty("category")
    String category() {
        return place == null ? null : place.category();
    }

    @JsonProperty("x")
    @JsonFormat(shape = JsonFormat.Shape.NUMBER)
    BigDecimal x() {
        return place == null ? null : place.x();
    }

    @JsonProperty("y")
    @JsonFormat(shape = JsonFormat.Shape.NUMBER)
    BigDecimal y() {
        return place == null ? null : place.y();
    }

    @JsonProperty("wheelchair")
    Boolean wheelchair() {
        return place == null ? null : place.wheelchair();
    }

    @JsonProperty("companion")
    Boolean companion() {
        return place == null ? null : place.companion();
    }

    @JsonProperty("restrictedView")
    Boolean restrictedView() {
        return place == null ? null : place.restrictedView();
    }
}
