package dev.ticketing.venues.model;

import dev.ticketing.problems.InvalidRequestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The body of {@code PATCH /venues/{id}/plan}: flags and gaps set on seats of the plan, each seat by its id; a flag
 * left out (or null) stays as it is. Makes the plan's next version; the versions before stay as they were.
 */
public record PlanChanges(List<SeatChange> seats) {
    /** The most seats one change names (a body stays within the API's 64 KiB). */
    public static final int MAX_SEATS = 1_000;

    /** One seat's new flags. */
    public record SeatChange(String id, Boolean wheelchair, Boolean companion, Boolean restrictedView,
                             Boolean gapBefore) {
    }

    /** The changes by seat id; a 400 for no seats, too many, a seat without id or named twice. */
    public Map<String, SeatChange> byId() {
        if (seats == null || seats.isEmpty() || seats.size() > MAX_SEATS) {
            throw new InvalidRequestException("seats is a list of 1 to " + MAX_SEATS + " seat changes");
        }
        Map<String, SeatChange> byId = new HashMap<>();
        for (int i = 0; i < seats.size(); i++) {
            SeatChange change = seats.get(i);
            if (change == null || change.id() == null) {
                throw PlanRules.invalid("/seats/" + i + "/id", "Each change names its seat's id");
            }
            if (byId.put(change.id(), change) != null) {
                throw PlanRules.invalid("/seats/" + i + "/id", "Seat \"" + change.id() + "\" is named twice");
            }
        }
        return byId;
    }

    /** {@code plan} with these changes; a 400 naming the first change whose seat the plan does not have. */
    public Plan applyTo(Plan plan) {
        Map<String, SeatChange> byId = byId();
        Set<String> ids = plan.seats().map(PlanSeat::id).collect(Collectors.toSet());
        for (int i = 0; i < seats.size(); i++) {
            if (!ids.contains(seats.get(i).id())) {
                throw PlanRules.invalid("/seats/" + i + "/id", "The plan has no seat \"" + seats.get(i).id() + "\"");
            }
        }
        return plan.mapSeats(seat -> {
            SeatChange change = byId.get(seat.id());
            return change == null ? seat
                    : seat.withFlags(change.wheelchair(), change.companion(), change.restrictedView(), change.gapBefore());
        });
    }
}
