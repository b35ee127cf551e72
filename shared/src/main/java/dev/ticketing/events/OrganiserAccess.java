package dev.ticketing.events;

import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;

/**
 * Who may run an event's organiser operations (cancel it): the one place that decides, so that organisers owning
 * their events (issue 21, item 1) replaces only this. Today: the configured admin group, as for creating events.
 */
public final class OrganiserAccess {
    private OrganiserAccess() {
    }

    /** A 403 unless {@code caller} may manage {@code event}. */
    public static void requireMayManage(Caller caller, Event event) {
        caller.requireAdmin();
    }
}
