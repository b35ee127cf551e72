package dev.ticketing.holds;

import dev.ticketing.events.Event;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.LimitExceededException;
import dev.ticketing.seats.SeatId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The body of {@code POST /events/{id}/holds}: the seats to hold, by id. */
public record HoldRequest(List<String> seats) {

    /** The asked seats of this event, or a 4xx saying what is wrong with the request. */
    public List<SeatId> seatsOf(Event event, int maxSeats) {
        if (seats == null || seats.isEmpty()) {
            throw new InvalidRequestException("seats is required: a non-empty list of seat ids, e.g. [\"1-1\"]");
        }
        if (seats.size() > maxSeats) {
            throw new LimitExceededException("A hold has at most " + maxSeats + " seats, " + seats.size() + " were asked",
                    Map.of("maxSeatsPerHold", maxSeats));
        }
        Set<String> unique = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String seat : seats) {
            if (!unique.add(seat)) {
                duplicates.add(seat);
            }
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidRequestException("Each seat may be asked once; repeated: " + String.join(", ", duplicates),
                    Map.of("duplicateSeats", duplicates));
        }
        List<String> unknown = new ArrayList<>();
        List<SeatId> parsed = new ArrayList<>();
        for (String seat : seats) {
            SeatId id = SeatId.parse(seat);
            if (event.contains(id)) {
                parsed.add(id);
            } else {
                unknown.add(seat);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("These seats do not exist in event " + event.id() + ": "
                    + String.join(", ", unknown), Map.of("unknownSeats", unknown));
        }
        return parsed.stream().sorted().toList();
    }
}
