package dev.ticketing.holds.model;

import dev.ticketing.events.model.Event;
import dev.ticketing.input.Fields;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.LimitExceededException;
import dev.ticketing.seats.model.SeatId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /events/{id}/holds}: either the seats to hold, by id ({@code {"seats":["3-4","3-5"]}}),
 * or how many the system should pick ({@code {"quantity":2,"together":true}}; without {@code together} the best
 * seats may be split). A quantity is a JSON integer: the API refuses {@code 2.7} and {@code "2"} before this record
 * is made (see {@link Fields}).
 */
public record HoldRequest(List<String> seats, Integer quantity, Boolean together, String category, String maxPrice,
                          Boolean accessible) {

    /** A request by seats or by quantity, without a preference. */
    public HoldRequest(List<String> seats, Integer quantity, Boolean together) {
        this(seats, quantity, together, null, null, null);
    }

    public static HoldRequest ofSeats(List<String> seats) {
        return new HoldRequest(seats, null, null);
    }

    /**
     * What a quantity request asks of its seats ({@link SeatPreference}), or a 400: a category the event's plan does
     * not have (or any category on a rectangle, which is priced by rows: {@code maxPrice} works there), a maxPrice that
     * is no positive decimal.
     */
    public SeatPreference preference(Event event) {
        if (category != null && (event.plan() == null || event.plan().priceOf(category).isEmpty())) {
            throw new InvalidRequestException(event.plan() == null
                    ? "This event has no categories (it is priced by rows): ask with maxPrice instead"
                    : "The event's plan has no category \"" + category + "\"", Map.of("category", category));
        }
        BigDecimal most = null;
        if (maxPrice != null) {
            most = Fields.decimal("maxPrice", maxPrice);
            if (most.signum() <= 0) {
                throw new InvalidRequestException("maxPrice must be positive");
            }
        }
        return new SeatPreference(category, most, Boolean.TRUE.equals(accessible));
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
        if (seats != null && (quantity != null || together != null || category != null || maxPrice != null
                || accessible != null)) {
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
