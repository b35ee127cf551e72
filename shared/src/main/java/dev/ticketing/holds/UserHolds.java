package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's open holds, so that a page opened in a new tab (or after a reload) finds the purchase session the user
 * already has. Reads the user's hold items from the index (gsi1 {@code USER#<userId>}, sort key
 * {@code HOLD#<created>#<id>}, written by {@link HoldItems}), newest first, keeps those that storage still has
 * ACTIVE and in time, and reads each again strongly consistently with {@link HoldStore#load}: the index may lag a
 * write by a moment, the hold's own partition does not.
 */
@Singleton
public class UserHolds {
    private final DynamoDbClient dynamo;
    private final String table;
    private final HoldStore holds;
    private final Clock clock;

    public UserHolds(DynamoDbClient dynamo, TicketingConfig config, HoldStore holds, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.tableName();
        this.holds = holds;
        this.clock = clock;
    }

    /** The user's holds that are ACTIVE now, newest first; only those of {@code eventId} unless it is null. */
    public List<StoredHold> open(String userId, String eventId) {
        Map<String, String> names = new HashMap<>(Map.of("#status", HoldItems.STATUS, "#expires", "expires_at"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":user", Attr.s(Keys.user(userId)),
                ":holds", Attr.s("HOLD#"),
                ":active", Attr.s(HoldStatus.ACTIVE.name()),
                ":now", Attr.n(clock.millis())));
        String filter = "#status = :active AND #expires > :now";
        if (eventId != null) {
            names.put("#event", "event_id");
            values.put(":event", Attr.s(eventId));
            filter += " AND #event = :event";
        }
        String condition = filter;
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.GSI1)
                        .keyConditionExpression("gsi1pk = :user AND begins_with(gsi1sk, :holds)")
                        .filterExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .scanIndexForward(false))
                .items().stream()
                .map(item -> Attr.str(item, "id"))
                .filter(Objects::nonNull)
                .map(holds::load)
                .flatMap(Optional::stream)
                .filter(stored -> stored.hold().status() == HoldStatus.ACTIVE)
                .toList();
    }
}
