package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.NotFoundException;
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

/** Reads purchase sessions. */
@Singleton
public class HoldStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public HoldStore(DynamoDbClient dynamo, TicketingConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.tableName();
        this.clock = clock;
    }

    public Optional<Hold> find(String holdId) {
        return load(holdId).map(StoredHold::hold);
    }

    /** The hold with its tickets, read strongly consistently in one query. */
    public Optional<StoredHold> load(String holdId) {
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
        return meta == null ? Optional.empty() : Optional.of(HoldItems.holdOf(meta, tickets, clock.instant()));
    }

    /** The caller's hold; someone else's hold is reported as missing so that hold ids reveal nothing. */
    public Hold ownedBy(Caller caller, String holdId) {
        return find(holdId)
                .filter(hold -> hold.userId().equals(caller.userId()))
                .orElseThrow(() -> new NotFoundException("Hold " + holdId + " does not exist"));
    }
}
