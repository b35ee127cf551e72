package dev.ticketing.venues;

import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.store.Table;
import dev.ticketing.venues.items.VenueReader;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanChanges;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.PlanRules;
import dev.ticketing.venues.model.Venue;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code PATCH /venues/{id}/plan}: an organiser sets flags (wheelchair place, companion seat, restricted view) and
 * gaps on seats of their venue's plan, an imported pretix plan's included (pretix's form has none). The change makes
 * the plan's next version; every earlier version stays as it was, so an event on one never sees its plan change. The
 * change is applied to the newest version: when another change makes that version first, it is applied again on
 * top of that one (a change names flags, not a whole plan, so nothing is lost).
 */
@Singleton
public class EditPlan {
    /** How often a change is applied again after losing its race to another change of the same venue. */
    private static final int ATTEMPTS = 5;

    private final VenueReader venues;
    private final PlanWrites writes;
    private final Clock clock;

    public EditPlan(Table table, VenueReader venues, Clock clock) {
        this.venues = venues;
        this.writes = new PlanWrites(table);
        this.clock = clock;
    }

    /** The venue at its new version; 404 for a venue the caller may not see; 400 for a change the plan refuses. */
    public Venue change(Caller caller, String venueId, PlanChanges changes) {
        changes.byId();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Venue current = VenueOwners.visible(caller, venueId, venues.find(venueId).orElse(null));
            Plan plan = changes.applyTo(venues.plan(venueId, current.version()).orElseThrow());
            PlanRules.check(plan, PlanFormat.TICKETING);
            Optional<Venue> next = writes.next(caller, current, plan,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (next.isPresent()) {
                return next.get();
            }
        }
        throw new ConflictException("The venue's plan changed " + ATTEMPTS + " times while this change was made; try again");
    }
}
