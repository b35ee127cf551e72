package dev.ticketing.problems;

import java.util.List;
import java.util.Map;

/** Some of the asked seats are held or sold by someone else; nothing was held. */
public class SeatsUnavailableException extends ConflictException {
    public SeatsUnavailableException(List<String> unavailableSeats) {
        super("seats-unavailable", "Seats unavailable",
                "These seats are not available: " + String.join(", ", unavailableSeats),
                Map.of("unavailableSeats", List.copyOf(unavailableSeats)));
    }

    @SuppressWarnings("unchecked")
    public List<String> unavailableSeats() {
        return (List<String>) extensions().get("unavailableSeats");
    }
}
