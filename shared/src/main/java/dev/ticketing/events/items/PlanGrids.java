package dev.ticketing.events.items;

import dev.ticketing.events.model.Event;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.store.Table;
import dev.ticketing.venues.items.VenueReader;
import dev.ticketing.venues.model.PlanGrid;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grids of the plan versions events use, read once per instance: a plan version never changes
 * ({@code venues.items.PlanItems}), so a grid once built is right forever and this cache needs no expiry. It keeps
 * at most {@link #KEPT} (a 100,000-seat grid is ~10 MB), starting afresh when full; a forgotten one is read again.
 */
final class PlanGrids {
    static final int KEPT = 16;

    private final VenueReader venues;
    private final Map<String, PlanGrid> grids = new ConcurrentHashMap<>();

    PlanGrids(Table table) {
        this.venues = new VenueReader(table);
    }

    /** {@code event} with its plan's grid attached; a rectangle as it is. */
    Event attach(Event event) {
        if (event.plan() == null || event.plan().layout() != null) {
            return event;
        }
        return event.withPlan(event.plan().withLayout(grid(event.plan().venueId(), event.plan().version())));
    }

    private PlanGrid grid(String venueId, int version) {
        String key = venueId + "#" + version;
        PlanGrid known = grids.get(key);
        if (known != null) {
            return known;
        }
        // two readers may both build it: both get an equal grid, and either is kept
        PlanGrid grid = PlanGrid.of(venues.plan(venueId, version).orElseThrow(() -> new IllegalStateException(
                "plan version " + version + " of venue " + venueId + " is missing")));
        if (grids.size() >= KEPT) {
            grids.clear();
        }
        grids.put(key, grid);
        return grid;
    }
}
