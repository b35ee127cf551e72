package dev.ticketing.venues;

import dev.ticketing.identity.Caller;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Page;
import dev.ticketing.venues.formats.PretixPlans;
import dev.ticketing.venues.formats.TicketingPlans;
import dev.ticketing.venues.items.VenueReader;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.Venue;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code GET /venues}, {@code GET /venues/{id}} and {@code GET /venues/{id}/plan}: an organiser's own venues (an
 * admin's: all), one venue, and a version of its plan in either form. Another organiser's venue is a 404
 * ({@link VenueOwners}).
 */
@Singleton
public class ReadVenues {
    private final VenueReader venues;

    public ReadVenues(VenueReader venues) {
        this.venues = venues;
    }

    /** A page of at most {@code limit} venues the caller may see, oldest first (an admin's by organiser), after {@code cursor}. */
    public Page<Venue> list(Caller caller, int limit, String cursor) {
        return venues.page(VenueOwners.listedOrganiser(caller), limit, cursor);
    }

    /** The venue of {@code venueId}, or 404. */
    public Venue get(Caller caller, String venueId) {
        return VenueOwners.visible(caller, venueId, venues.find(venueId).orElse(null));
    }

    /**
     * Version {@code version} of the venue's plan (the {@code version} query value, digits; null: its current version)
     * as JSON text in {@code format}; 400 for a version that is no number, 404 for a venue the caller may not see or
     * a version it does not have.
     */
    public String plan(Caller caller, String venueId, String version, PlanFormat format) {
        if (version != null && !version.matches("[1-9][0-9]{0,5}")) {
            throw new InvalidRequestException("version is a plan version number, 1 or more", Map.of("version", version));
        }
        Venue venue = get(caller, venueId);
        int wanted = version == null ? venue.version() : Integer.parseInt(version);
        Plan plan = (wanted < 1 || wanted > venue.version() ? null : venues.plan(venueId, wanted).orElse(null));
        if (plan == null) {
            throw new NotFoundException("Venue " + Ids.quoted(venueId) + " has no plan version " + wanted);
        }
        return switch (format) {
            case PRETIX -> PretixPlans.text(plan);
            case TICKETING -> TicketingPlans.text(plan);
            case SEATSIO -> throw new IllegalArgumentException("seatsio is read only (PlanFormat.export)");
        };
    }

    /** A venue's current plan version: its number and the plan. */
    public record CurrentPlan(int version, Plan plan) {
    }

    /**
     * The current plan of a venue {@code caller} may use for an event (its own organiser's, or any for an admin):
     * the version an event made now is fixed to. 404 for a venue the caller may not see (nothing says it exists).
     */
    public CurrentPlan current(Caller caller, String venueId) {
        Venue venue = get(caller, venueId);
        return new CurrentPlan(venue.version(), venues.plan(venueId, venue.version()).orElseThrow(
                () -> new IllegalStateException("venue " + venueId + " names plan version " + venue.version()
                        + ", which is missing")));
    }
}
