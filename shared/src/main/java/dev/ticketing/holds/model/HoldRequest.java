package dev.ticketing.holds.model;

import dev.ticketing.events.model.Event;
import dev.ticketing.input.Fields;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.LimitExceededException;
import dev.ticketing.seats.model.SeatId;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /events/{id}/holds}: either the seats to hold, by id ({@code {"seats":["3-4","3-5"]}}),
 * or how many the system should pick ({@code {"quantity":2,"together":true}}; without {@code together} the best
 * seats may be split). A quantity is a JSON integer: the API refuses {@code 2.7} and {@code "2"} before this record
 * is made (see {@link Fields}).
 */
public record HoldRequest(List<String> seats, Integer quantity, Boolean together) {

    public static HoldRequest ofSeats(List<String> seats) {
        return new HoldRequest(seats, null, null);
    }

    public boolean byQuantity() {
        return seats == null && quantity != null;
    }

    public boolean mustBeTogether() {
        return Boolean.TRUE.equals(together);
    }

    /** How many seats to pick, or a 4xx. */
    public int quantity(int maxSeats) {
        int asked = Fields.integer("quantity", quantity, 1, Integer.MAX_VALUE);
        checkLimit(asked, maxSeats);
        return asked;
    }

    /** The asked seats of this event, or a 4xx saying what is wrong with the request. */
    public List<SeatId> seatsOf(Event event, int maxSeats) {
        if (seats != null && (quantity != null || together != null)) {
            throw new InvalidRequestException("Ask either for seats by id or for a quantity, not both");
        }
        if (seats == null || seats.isEmpty()) {
            throw new InvalidRequestException("seats is required: a non-empty list of seat ids, e.g. [\"1-1\"], "
                    + "or ask for {\"quantity\":2,\"together\":true}");
        }
        checkLimit(seats.size(), maxSeats);
        return SeatId.parseAll(seats, event.id(), event.layout());
    }

    private static void checkLimit(int asked, int maxSeats) {
        if (asked > maxSeats) {
            throw new LimitExceededException("A hold has at most " + maxSeats + " seats, " + asked + " were asked",
                    Map.of("maxSeatsPerHold", maxSeats));
        }
    }
}
