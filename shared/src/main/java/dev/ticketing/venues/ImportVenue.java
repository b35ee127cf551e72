package dev.ticketing.venues;

import dev.ticketing.identity.Caller;
import dev.ticketing.store.Table;
import dev.ticketing.venues.formats.PretixPlans;
import dev.ticketing.venues.formats.SeatsIoPlans;
import dev.ticketing.venues.formats.TicketingPlans;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.Venue;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * {@code POST /venues?format=pretix|ticketing|seatsio}: a venue made from a plan (organisers and admins; the venue
 * belongs to the organiser the caller acts for). The plan is read and checked whole first ({@link PretixPlans},
 * {@link TicketingPlans}, {@link SeatsIoPlans}): a bad plan is a {@code 400} naming its first offending path, and nothing is written. Then
 * it is stored as the venue's version 1 ({@link PlanWrites}).
 */
@Singleton
public class ImportVenue {
    private final PlanWrites writes;
    private final Clock clock;

    public ImportVenue(Table table, Clock clock) {
        this.writes = new PlanWrites(table);
        this.clock = clock;
    }

    /** The new venue, at version 1, of the plan in {@code body}, written in {@code format}. */
    public Venue importPlan(Caller caller, PlanFormat format, String body) {
        VenueOwners.requireOrganiser(caller);
        Plan plan = switch (format) {
            case PRETIX -> PretixPlans.read(body);
            case SEATSIO -> SeatsIoPlans.read(body);
            case TICKETING -> TicketingPlans.read(body);
        };
        return writes.create(caller, plan, clock.instant().truncatedTo(ChronoUnit.MILLIS)); // as stored
    }
}
