package dev.ticketing.events;

import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ForbiddenException;

/**
 * Who may create events and run an event's organiser operations (cancel, block, comp, edit, reprice, its audit trail):
 * the one place that decides it (issue 21, item 1: organisers own their events). A platform admin (the configured
 * admin group) creates and runs every event; a member of the {@code organizer} group creates events, which then
 * belong to the organiser they act for ({@link Caller#organizerId}), and runs only the events of that organiser.
 * Events stored before organisers belong to nobody: only platform admins run them.
 */
public final class EventOrganisers {
    private EventOrganisers() {
    }

    /** Returns if {@code caller} may create events; a 403 otherwise (a buyer, box-office staff). */
    public static void requireMayCreate(Caller caller) {
        if (!caller.admin() && !caller.organizer()) {
            throw new ForbiddenException("Only organisers and admins can create events");
        }
    }

    /**
     * Returns if {@code caller} may organise {@code event}; a 403 otherwise, the same whether the event belongs to
     * another organiser or the caller organises nothing (the event itself is public: a 404 would hide nothing).
     */
    public static void require(Caller caller, Event event) {
        if (!organises(caller, event)) {
            throw new ForbiddenException("Only the event's organiser and admins can do this");
        }
    }

    /** True when {@code caller} is an admin or {@code event}'s organiser. */
    public static boolean organises(Caller caller, Event event) {
        return caller.admin() || caller.organizer() && event.organizerId() != null
                && event.organizerId().equals(caller.organizerId());
    }
}
