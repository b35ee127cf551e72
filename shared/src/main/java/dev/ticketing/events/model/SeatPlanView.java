package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /events/{id}/plan}: where an event's seats are and how they are named, in the compact map's order
 * (issue 20, item 3). Row {@code rows[i].row} of the compact map has one character per seat of {@code rows[i].seats},
 * in that order. It never changes for an event (a plan version never changes), so it is fetched once and cached; the
 * seats' states and current prices come from the seat map. A rectangle's plan is generated: a seat per place, at
 * {@code (column, row)}, without categories ({@code venueId} and {@code version} null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeatPlanView(String eventId, String venueId, Integer version, String name, int width, int height,
                           Point focalPoint, List<CategoryView> categories, List<RowView> rows) {

    /** A point in the plan's units. */
    public record Point(@JsonFormat(shape = JsonFormat.Shape.NUMBER) BigDecimal x,
                        @JsonFormat(shape = JsonFormat.Shape.NUMBER) BigDecimal y) {
    }

    /** A category and the colour the plan gives it (null: none). */
    public record CategoryView(String name, String color) {
    }

    /** A grid row: its number in the compact map, its section, its label, its seats in order. */
    public record RowView(int row, String section, String label, List<SeatView> seats) {
    }

    /**
     * A seat: id, label, category, position, flags, and whether an aisle or gap separates it from the seat before it
     * in its row ({@code gapBefore}: the two are no neighbours). A flag is written only when true (a 100,000-seat plan
     * is sent once, but it is megabytes).
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record SeatView(String id, String seat, String category,
                           @JsonFormat(shape = JsonFormat.Shape.NUMBER) BigDecimal x,
                           @JsonFormat(shape = JsonFormat.Shape.NUMBER) BigDecimal y,
                           boolean wheelchair, boolean companion, boolean restrictedView, boolean gapBefore) {
    }
}
