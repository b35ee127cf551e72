package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a hold together with its payment-in-flight mark, in one strongly consistent query of its partition. */
@Singleton
public class PayableHolds {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public PayableHolds(DynamoDbClient dynamo, TicketingConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.tableName();
        this.clock = clock;
    }

    public Optional<PayableHold> load(String holdId) {
        Map<String, AttributeValue> meta = null;
        List<Map<String, AttributeValue>> tickets = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.hold(holdId))))
                .consistentRead(true)).items()) {
            String sk = Attr.str(item, Keys.SK);
            if (Keys.META.equals(sk)) {
                meta = item;
            } else if (sk.startsWith(HoldItems.TICKET_PREFIX)) {
                tickets.add(item);
            }
        }
        if (meta == null) {
            return Optional.empty();
        }
        return Optional.of(new PayableHold(HoldItems.holdOf(meta, tickets, clock.instant()),
                Attr.str(meta, PayableHold.PAYMENT_ID)));
    }
}
