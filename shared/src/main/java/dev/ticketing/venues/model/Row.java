package dev.ticketing.venues.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A row of a section: any number of seats, in their order along the row, of any shape (curved rows are seats at
 * their positions).
 *
 * <p><b>Adjacency</b> is a property of the plan: two seats are neighbours when they are consecutive in the same row
 * and the second has no {@link PlanSeat#gapBefore}. A row's ends, an aisle and a gap are edges alike. The project's
 * own plan form states gaps explicitly; a pretix import derives them by {@link Gaps}' distance rule.
 *
 * @param number    the row's number or name ({@code "A"}, {@code "12"}; pretix's {@code row_number})
 * @param label     how people name the row, {@code %s} standing for the number ({@code "Row %s"}); null: "Row n"
 * @param seatLabel how people name a seat of it, {@code %s} standing for the seat's number; null: "Seat n"
 * @param origin    the row's offset inside its section, when the plan gives one (null: none)
 * @param pretix    what an imported pretix row carried beyond these, kept for its export; null when nothing
 */
public record Row(String number, String label, String seatLabel, Point origin, List<PlanSeat> seats, ObjectNode pretix) {
    public Row {
        seats = List.copyOf(seats);
    }

    /** The row as people name it: its label with the number put in, or "Row {number}". */
    public String labelText() {
        return label != null ? label.replace("%s", number) : "Row " + number;
    }

    /** A seat of this row as people name it: the row's seat label with the number put in, or "Seat {number}". */
    public String seatText(PlanSeat seat) {
        return seatLabel != null ? seatLabel.replace("%s", seat.number()) : "Seat " + seat.number();
    }

    /** Whether the seats at {@code index - 1} and {@code index} are neighbours (no aisle or gap between them). */
    public boolean neighbours(int index) {
        return index > 0 && index < seats.size() && !seats.get(index).gapBefore();
    }
}
