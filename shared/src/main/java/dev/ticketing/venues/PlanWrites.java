package dev.ticketing.venues;

import dev.ticketing.identity.Caller;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.venues.formats.TicketingPlans;
import dev.ticketing.venues.items.PlanBlobs;
import dev.ticketing.venues.items.PlanItems;
import dev.ticketing.venues.items.VenueItems;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.Venue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a plan as a venue's version (the writes {@link ImportVenue} and {@link EditPlan} share): first its chunks,
 * each put alone under a new write id, then one transaction with the head that names them and the venue's item
 * (created at version 1, or moved from the version the change was based on to the next). Either the whole version
 * is there and the venue at it, or neither; a chunk left by a writer that lost or crashed is never read.
 */
final class PlanWrites {
    private final Table table;
    private final VenueItems venues;
    private final PlanItems plans;

    PlanWrites(Table table) {
        this.table = table;
        this.venues = new VenueItems(table);
        this.plans = new PlanItems(table);
    }

    /** A new venue of {@code plan}, owned by the organiser {@code caller} acts for. */
    Venue create(Caller caller, Plan plan, Instant now) {
        Venue venue = new Venue(UUID.randomUUID().toString(), plan.name(), 1, plan.seatCount(), plan.categoryNames(),
                now, now, caller.organizerId());
        PlanItems.Head head = writeChunks(venue.id(), 1, plan, caller, now);
        TransactionResult result = table.transaction()
                .add(Transaction.Role.VENUE, venues.create(venue))
                .add(Transaction.Role.PLAN_VERSION, plans.head(venue.id(), head))
                .commit();
        if (!result.committed()) {
            throw result.asProblem();
        }
        return venue;
    }

    /** {@code plan} as the version after {@code current}'s; empty when another change made that version first. */
    Optional<Venue> next(Caller caller, Venue current, Plan plan, Instant now) {
        int version = current.version() + 1;
        PlanItems.Head head = writeChunks(current.id(), version, plan, caller, now);
        List<String> categories = plan.categoryNames();
        TransactionResult result = table.transaction()
                .add(Transaction.Role.VENUE, venues.nextVersion(current.id(), current.version(), plan.seatCount(),
                        categories, now))
                .add(Transaction.Role.PLAN_VERSION, plans.head(current.id(), head))
                .commit();
        if (!result.committed()) {
            if (result.contested(Transaction.Role.VENUE) || result.contested(Transaction.Role.PLAN_VERSION)) {
                return Optional.empty();
            }
            throw result.asProblem();
        }
        return Optional.of(new Venue(current.id(), plan.name(), version, plan.seatCount(), categories,
                current.createdAt(), now, current.organizerId()));
    }

    private PlanItems.Head writeChunks(String venueId, int version, Plan plan, Caller caller, Instant now) {
        byte[] data = PlanBlobs.compress(TicketingPlans.text(plan));
        List<byte[]> chunks = PlanBlobs.split(data);
        String writeId = UUID.randomUUID().toString();
        for (int i = 0; i < chunks.size(); i++) {
            table.writeAlone(plans.chunk(venueId, version, writeId, i, chunks.get(i)));
        }
        return new PlanItems.Head(version, writeId, chunks.size(), data.length, PlanBlobs.sha256(data),
                plan.seatCount(), now, caller.userId());
    }
}
