package dev.ticketing.orders.items;

import dev.ticketing.orders.model.OrderCode;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads orders: one by its code (strongly consistent), or a user's a page at a time (gsi1, newest first). */
@Singleton
public class OrderReader {
    /** The attributes of an order query's LastEvaluatedKey: the table's key and gsi1's. */
    private static final Set<String> CURSOR_ATTRIBUTES = Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK);

    private final DynamoDbClient dynamo;
    private final String table;
    private final OrderItems orders;
    private final Table source;

    public OrderReader(Table table) {
        this.source = table;
        this.dynamo = table.client();
        this.table = table.name();
        this.orders = new OrderItems(table);
    }

    /** The order of a code as a person may type it ({@link OrderCode#normalized}); empty when there is none. */
    public Optional<PlacedOrder> find(String code) {
        return OrderCode.normalized(code).flatMap(shown -> {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(OrderItems.key(shown))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.orderOf(item));
        });
    }

    /** The orders of these codes (as stored: {@link PlacedOrder#code}) that exist, strongly consistent, by code. */
    public Map<String, PlacedOrder> findAll(Collection<String> codes) {
        Map<String, PlacedOrder> found = new HashMap<>();
        source.getAll(codes.stream().distinct().map(OrderItems::key).toList()).stream().map(OrderItems::orderOf)
                .forEach(order -> found.put(order.code(), order));
        return found;
    }

    /**
     * A page of at most {@code limit} of the user's orders after {@code cursor} (null: the first), newest first, with
     * the next page's cursor (null at the end). A cursor that is not one this list gave this user is a 400.
     */
    public Page<PlacedOrder> ofUser(String userId, int limit, String cursor) {
        Map<String, AttributeValue> start = Page.startKey(cursor, CURSOR_ATTRIBUTES, Keys.GSI1_PK, Keys.user(userId),
                Keys.GSI1_SK, OrderItems.GSI1_PREFIX);
        QueryResponse page = dynamo.query(orders.userQuery(userId).toBuilder().limit(limit).exclusiveStartKey(start).build());
        return new Page<>(page.items().stream().map(OrderItems::orderOf).toList(),
                Page.cursorOf(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }
}
