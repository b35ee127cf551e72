package dev.ticketing.problems;

import java.util.List;
import java.util.Map;

/** Some of the seats an unblock or a comp names are not blocked (available, held or sold); nothing was changed. */
public class SeatsNotBlockedException extends ConflictException {
    public SeatsNotBlockedException(List<String> seats) {
        super("seats-not-blocked", "Seats not blocked",
                "These seats are not blocked: " + String.join(", ", seats)
                        + " (only a blocked seat can be unblocked or given as a comp)",
                Map.of("notBlockedSeats", List.copyOf(seats)));
    }

    @SuppressWarnings("unchecked")
    public List<String> notBlockedSeats() {
        return (List<String>) extensions().get("notBlockedSeats");
    }
}
