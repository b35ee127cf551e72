package dev.ticketing.events.model;

import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.LimitExceededException;
import dev.ticketing.seats.model.SeatId;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST} and {@code DELETE /events/{id}/blocks}, {@code {"seats":["1-1","1-2"]}}, and the seats of
 * {@code POST /events/{id}/comps} ({@link CompRequest}).
 */
public record SeatsRequest(List<String> seats) {

    /**
     * The asked seats of the event, sorted, or a 4xx: 400 without seats, for a malformed, repeated or unknown one
     * ({@link SeatId#parseAll}); 422 for more than {@code maxSeats}, the most one transaction takes.
     */
    public List<SeatId> seatsOf(Event event, int maxSeats) {
        return seatsOf(seats, event, maxSeats);
    }

    static List<SeatId> seatsOf(List<String> seats, Event event, int maxSeats) {
        if (seats == null || seats.isEmpty()) {
            throw new InvalidRequestException("seats is required: a non-empty list of seat ids, e.g. [\"1-1\"]");
        }
        if (seats.size() > maxSeats) {
            throw new LimitExceededException("At most " + maxSeats + " seats a request (one transaction); "
                    + seats.size() + " were asked: send them in several requests", Map.of("maxSeats", maxSeats));
        }
        return SeatId.parseAll(seats, event.id(), event.layout());
    }
}
