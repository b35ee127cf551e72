package dev.ticketing.tickets;

import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@code GET /me/tickets}: the user's tickets, newest first, as everyone sees them now, a page at a time. A ticket's
 * state follows its hold's, with the same rule as {@code GET /holds/{id}} ({@link Hold#withVisibleTickets}): the
 * moment the hold reads EXPIRED (whatever moved its end: the payment grace, the capture window), its PENDING tickets
 * read CANCELLED, whether or not cleanup has written that yet. One query of the user's gsi1 tickets (at most
 * {@code limit}), and one batch read of the holds of that page.
 */
@Singleton
public class MyTickets {
    /** The attributes of a ticket query's LastEvaluatedKey: the table's key and gsi1's. */
    private static final Set<String> CURSOR_ATTRIBUTES = Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK);

    private final DynamoDbClient dynamo;
    private final String table;
    private final TicketItems tickets;
    private final Clock clock;

    public MyTickets(Table table, Clock clock) {
        this.dynamo = table.client();
        this.table = table.name();
        this.tickets = new TicketItems(table);
        this.clock = clock;
    }

    /**
     * A page of at most {@code limit} of the user's tickets after {@code cursor} (null: the first page), with the
     * cursor of the next page (null at the end; a last page may be empty). A cursor that is not one this list gave
     * this user is a 400.
     */
    public Page<Ticket> of(String userId, int limit, String cursor) {
        Map<String, AttributeValue> start = Page.startKey(cursor, CURSOR_ATTRIBUTES, Keys.GSI1_PK, Keys.user(userId),
                Keys.GSI1_SK, TicketItems.PREFIX);
        QueryResponse page = dynamo.query(tickets.userQuery(userId).toBuilder().limit(limit)
                .exclusiveStartKey(start).build());
        List<Ticket> found = page.items().stream().map(TicketItems::ticketOf).toList();
        Map<String, HoldStatus> holdStatus = visibleStatusOfHolds(found, clock.instant());
        List<Ticket> visible = found.stream()
                .map(ticket -> ticket.status() == TicketStatus.PENDING
                        && holdStatus.get(ticket.holdId()) == HoldStatus.EXPIRED
                        ? ticket.withStatus(TicketStatus.CANCELLED) : ticket)
                .toList();
        return new Page<>(visible, Page.cursorOf(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }

    private Map<String, HoldStatus> visibleStatusOfHolds(List<Ticket> page, Instant now) {
        List<Map<String, AttributeValue>> keys = page.stream().map(Ticket::holdId).distinct()
                .map(HoldItems::metaKey).toList();
        Map<String, HoldStatus> statuses = new HashMap<>();
        if (keys.isEmpty()) {
            return statuses;
        }
        dynamo.batchGetItemPaginator(b -> b.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(keys).consistentRead(true).build())))
                .stream()
                .flatMap(response -> response.responses().getOrDefault(table, List.of()).stream())
                .map(item -> HoldItems.visibleStatusOf(item, now))
                .forEach(status -> statuses.put(status.getKey(), status.getValue()));
        return statuses;
    }
}
