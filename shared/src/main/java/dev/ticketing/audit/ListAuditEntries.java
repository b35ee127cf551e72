package dev.ticketing.audit;

import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.EventOrganisers;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.identity.Caller;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@code GET /events/{id}/audit}: the event's audit trail, oldest first, a page at a time, for its organisers. */
@Singleton
public class ListAuditEntries {
    private final Table table;
    private final EventReader events;
    private final AuditItems items;

    public ListAuditEntries(Table table, EventReader events) {
        this.table = table;
        this.events = events;
        this.items = new AuditItems(table);
    }

    /**
     * At most {@code limit} entries after {@code cursor} (null: the first page), with the next page's cursor (null at
     * the end). 404 for an unknown event, 403 for a caller who may not organise it, 400 for a cursor not of this list.
     */
    public Page<AuditEntry> page(Caller caller, String eventId, int limit, String cursor) {
        EventOrganisers.require(caller, events.get(eventId));
        QueryResponse page = table.client().query(items.eventQuery(eventId).toBuilder().limit(limit)
                .exclusiveStartKey(AuditItems.startKey(eventId, cursor)).build());
        return new Page<>(page.items().stream().map(AuditItems::entryOf).toList(),
                Page.cursorOf(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }
}
