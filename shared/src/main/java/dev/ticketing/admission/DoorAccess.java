package dev.ticketing.admission;

import dev.ticketing.events.EventOrganisers;
import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ForbiddenException;

/**
 * Who may read an event's door list and check-in report: staff (who work its door), its organiser and admins
 * ({@link EventOrganisers}); a 403 for anyone else. Scanning itself is for staff and admins only.
 */
final class DoorAccess {
    private DoorAccess() {
    }

    static void requireMayRead(Caller caller, Event event) {
        if (!caller.staff()) {
            EventOrganisers.require(caller, event);
        }
    }

    static void requireMayScan(Caller caller) {
        if (!caller.staff() && !caller.admin()) {
            throw new ForbiddenException("Only staff can check tickets in");
        }
    }
}
