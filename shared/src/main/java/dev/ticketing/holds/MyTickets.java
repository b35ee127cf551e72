package dev.ticketing.holds;

import dev.ticketing.store.Table;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketItems;
import dev.ticketing.tickets.TicketStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /me/tickets}: the user's tickets, newest first, as everyone sees them now. A ticket's state follows its
 * hold's, with the same rule as {@code GET /holds/{id}} ({@link Hold#withVisibleTickets}): the moment the hold reads
 * EXPIRED (whatever moved its end: the payment grace, the capture window), its PENDING tickets read CANCELLED,
 * whether or not cleanup has written that yet. Two queries of the user's gsi1 partition: tickets and holds.
 */
@Singleton
public class MyTickets {
    private final DynamoDbClient dynamo;
    private final TicketItems tickets;
    private final HoldItems holds;
    private final Clock clock;

    public MyTickets(Table table, TicketItems tickets, HoldItems holds, Clock clock) {
        this.dynamo = table.client();
        this.tickets = tickets;
        this.holds = holds;
        this.clock = clock;
    }

    public List<Ticket> of(String userId) {
        Instant now = clock.instant();
        Map<String, HoldStatus> holdStatus = new HashMap<>();
        dynamo.queryPaginator(holds.userHoldsQuery(userId)).items().forEach(item -> {
            Map.Entry<String, HoldStatus> status = HoldItems.visibleStatusOf(item, now);
            holdStatus.put(status.getKey(), status.getValue());
        });
        return dynamo.queryPaginator(tickets.userQuery(userId)).items().stream()
                .map(TicketItems::ticketOf)
                .map(ticket -> ticket.status() == TicketStatus.PENDING
                        && holdStatus.get(ticket.holdId()) == HoldStatus.EXPIRED
                        ? ticket.withStatus(TicketStatus.CANCELLED) : ticket)
                .toList();
    }
}
