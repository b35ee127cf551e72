package dev.ticketing.tickets;

import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A user's tickets, newest first, read through {@link TicketItems}' index query and mapping. */
@Singleton
public class UserTickets {
    private final DynamoDbClient dynamo;
    private final TicketItems tickets;
    private final Clock clock;

    public UserTickets(Table table, TicketItems tickets, Clock clock) {
        this.dynamo = table.client();
        this.tickets = tickets;
        this.clock = clock;
    }

    /** As everyone sees them now: the PENDING tickets of a hold that has run out read CANCELLED. */
    public List<Ticket> of(String userId) {
        var now = clock.instant();
        return dynamo.queryPaginator(tickets.userQuery(userId)).items().stream()
                .map(item -> TicketItems.visibleTicketOf(item, now))
                .toList();
    }
}
