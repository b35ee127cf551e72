package dev.ticketing.events;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.items.OrganiserEventItems;
import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@code GET /organizer/events}: the events of the organiser the caller acts for ({@link Caller#organizerId}), newest
 * first, whatever their status: one still CREATING (a big hall whose seats are being written), FAILED, ON_SALE or
 * CANCELLED. The public list ({@code GET /events}) shows only events on sale and never says whose they are; this is
 * the organiser's own view (docs/organiser-operations.md#my-events). A platform admin gets the events they created
 * themselves (they run every other event by its id); buyers and staff a 403 ({@link EventOrganisers#requireMayCreate}:
 * whoever may create events has a list of them).
 */
@Singleton
public class ListOrganiserEvents {
    private final Table table;
    private final EventReader events;
    private final OrganiserEventItems items;

    public ListOrganiserEvents(Table table, EventReader events) {
        this.table = table;
        this.events = events;
        this.items = new OrganiserEventItems(table);
    }

    /**
     * At most {@code limit} (1..100) of the caller's organiser's events after {@code cursor} (null: the first page),
     * as stored now, with the next page's cursor (null at the end). 403 for a caller who is neither an organiser nor
     * an admin, 400 for a cursor not of this list (another organiser's included).
     */
    public Page<Event> page(Caller caller, int limit, String cursor) {
        EventOrganisers.requireMayCreate(caller);
        String organizerId = caller.organizerId();
        QueryResponse page = table.client().query(items.organizerQuery(organizerId).toBuilder().limit(limit)
                .exclusiveStartKey(OrganiserEventItems.startKey(organizerId, cursor)).build());
        return new Page<>(events.current(page.items().stream().map(OrganiserEventItems::eventIdOf).toList()),
                Page.cursorOf(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }
}
