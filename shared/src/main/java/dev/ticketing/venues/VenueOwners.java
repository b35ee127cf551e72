package dev.ticketing.venues;

import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.venues.model.Venue;

/**
 * Who may make and see venues: the one place that decides it. Organisers (group {@code organizer}) and platform
 * admins manage venues; anyone else gets 403. An organiser sees and changes only the venues of the organiser they act
 * for ({@link Caller#organizerId}, as with events); an admin every venue. Venues are not public, so another
 * organiser's venue is a 404: it does not exist for them.
 */
public final class VenueOwners {
    private VenueOwners() {
    }

    /** Returns if {@code caller} may manage venues at all; a 403 otherwise. */
    public static void requireOrganiser(Caller caller) {
        if (!caller.admin() && !caller.organizer()) {
            throw new ForbiddenException("Only organisers and admins manage venues");
        }
    }

    /** The organiser whose venues {@code caller} lists: theirs, or null (every organiser's) for an admin. */
    static String listedOrganiser(Caller caller) {
        requireOrganiser(caller);
        return caller.admin() ? null : caller.organizerId();
    }

    /** {@code venue} if {@code caller} may see it; a 404 naming {@code venueId} otherwise (also when it is null). */
    static Venue visible(Caller caller, String venueId, Venue venue) {
        requireOrganiser(caller);
        if (venue == null || !(caller.admin() || venue.organizerId().equals(caller.organizerId()))) {
            throw new NotFoundException("Venue " + Ids.quoted(venueId) + " does not exist");
        }
        return venue;
    }
}
