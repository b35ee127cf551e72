package dev.ticketing.problems;

import java.util.List;
import java.util.Map;

/** A pick by seat id would leave a lone empty seat, which the event's single-seat rule forbids; nothing was held. */
public class SingleSeatException extends TicketingException {
    public SingleSeatException(List<String> strandedSeats, List<String> suggestedSeats) {
        super(422, "single-seat", "Would leave a single seat",
                "Holding these seats would leave seat" + (strandedSeats.size() == 1 ? " " : "s ")
                        + String.join(", ", strandedSeats) + " alone between taken seats, which this event does not allow"
                        + (suggestedSeats.isEmpty() ? "" : "; " + String.join(", ", suggestedSeats) + " would not"),
                Map.of("strandedSeats", List.copyOf(strandedSeats), "suggestedSeats", List.copyOf(suggestedSeats)));
    }
}
