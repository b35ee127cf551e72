package dev.ticketing.tickets;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A user's tickets, newest first, from the index (gsi1 {@code USER#<userId>}, sort key {@code TICKET#<created>#<id>}). */
@Singleton
public class UserTickets {
    private final DynamoDbClient dynamo;
    private final String table;

    public UserTickets(DynamoDbClient dynamo, TicketingConfig config) {
        this.dynamo = dynamo;
        this.table = config.tableName();
    }

    public List<Ticket> of(String userId) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.GSI1)
                        .keyConditionExpression("gsi1pk = :user AND begins_with(gsi1sk, :tickets)")
                        .expressionAttributeValues(Map.of(":user", Attr.s(Keys.user(userId)), ":tickets", Attr.s("TICKET#")))
                        .scanIndexForward(false))
                .items().stream()
                .map(UserTickets::ticketOf)
                .toList();
    }

    static Ticket ticketOf(Map<String, AttributeValue> item) {
        return new Ticket(Attr.str(item, "id"), Attr.str(item, "hold_id"), Attr.str(item, "event_id"),
                Attr.str(item, "user_id"), Attr.str(item, "seat_id"), Attr.integer(item, "row"), Attr.integer(item, "col"),
                TicketStatus.valueOf(Attr.str(item, "status")), Attr.str(item, "payment_id"));
    }
}
