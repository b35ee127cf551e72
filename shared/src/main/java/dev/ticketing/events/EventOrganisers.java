package dev.ticketing.events;

import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;

/**
 * Who may run an event's organiser operations (cancel, block, comp, edit, reprice, its audit trail): the one place that
 * decides it, so that organiser ownership (issue 21, item 1: an organiser runs only their own events) replaces this
 * rule here and nowhere else. Until then, as for creating an event: the configured admin group.
 */
public final class EventOrganisers {
    private EventOrganisers() {
    }

    /** Returns if {@code caller} may organise {@code event}; a 403 otherwise. */
    public static void require(Caller caller, Event event) {
        caller.requireAdmin();
    }
}
