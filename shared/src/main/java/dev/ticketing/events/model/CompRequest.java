package dev.ticketing.events.model;

import dev.ticketing.input.Fields;
import dev.ticketing.seats.model.SeatId;
import java.util.List;

/**
 * The body of {@code POST /events/{id}/comps}: blocked seats to give to a named buyer as complimentary tickets,
 * {@code {"seats":["1-1"],"userId":"alice"}}; {@code userId} is the buyer's user id (their token's subject).
 */
public record CompRequest(List<String> seats, String userId) {
    /** The longest user id a token may carry. */
    public static final int MAX_USER_ID_LENGTH = 256;

    /** The seats, as {@link SeatsRequest#seatsOf} checks them. */
    public List<SeatId> seatsOf(Event event, int maxSeats) {
        return SeatsRequest.seatsOf(seats, event, maxSeats);
    }

    /** The buyer, or a 400 when missing or too long. */
    public String buyer() {
        return Fields.text("userId", userId, MAX_USER_ID_LENGTH);
    }
}
