package dev.ticketing.tickets;

import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A user's tickets, newest first, read through {@link TicketItems}' index query and mapping. */
@Singleton
public class UserTickets {
    private final DynamoDbClient dynamo;
    private final TicketItems tickets;

    public UserTickets(Table table, TicketItems tickets) {
        this.dynamo = table.client();
        this.tickets = tickets;
    }

    public List<Ticket> of(String userId) {
        return dynamo.queryPaginator(tickets.userQuery(userId)).items().stream()
                .map(TicketItems::ticketOf)
                .toList();
    }
}
