package dev.ticketing.endtoend.holds;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.SweepReport;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.testing.TestClock;
import dev.ticketing.tickets.items.TicketItems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A local stack of its own for the expiry tests, whose triggers they control: its own clock, and the hold duration
 * and sweep interval each test class needs (the shared test stack sweeps every 30 s, which would race the
 * "nothing changes" assertions). Clients through HTTP as anyone else, and reads straight from the table.
 */
final class ExpiryStack implements AutoCloseable {
    static final String STREAM_FUNCTION = "HoldExpiryFunction";
    static final String SWEEP_FUNCTION = "ExpiredHoldSweepFunction";

    final LocalSystem stack;
    final TestClock clock = new TestClock();
    private final Api api;
    private final DynamoDbClient dynamo;
    private final String table;
    private final EventReader events;

    private ExpiryStack(Duration holdDuration, Duration sweepInterval) throws Exception {
        this.stack = LocalSystem.start(TestStack.options().withHoldDuration(holdDuration)
                .withSweepInterval(sweepInterval), clock);
        this.api = new Api(stack);
        this.dynamo = stack.dynamoDb();
        this.table = stack.ref("Table");
        Table store = new Table(dynamo, new TicketingConfig(table, holdDuration, 10, 1));
        this.events = new EventReader(store);
    }

    static ExpiryStack start(Duration holdDuration, Duration sweepInterval) {
        try {
            return new ExpiryStack(holdDuration, sweepInterval);
        } catch (Exception e) {
            throw new IllegalStateException("the local stack did not start", e);
        }
    }

    // ---- the API, as a client uses it: the same client as every other integration test

    String user(String name) {
        return api.newUser(name);
    }

    String createEvent(int rows, int columns) {
        return api.createEvent(rows, columns);
    }

    /** Holds the seats and answers the hold's id. */
    String hold(String eventId, String token, String... seats) {
        Api.Response held = api.hold(eventId, token, seats);
        if (held.status() != 201) {
            throw new AssertionError("not held: " + held);
        }
        return held.json().get("id").asText();
    }

    JsonNode getHold(String holdId, String token) {
        return api.get("/holds/" + holdId, token).json();
    }

    // ---- the triggers, invoked as Lambda would with the sample events of events/

    /** The sample TTL REMOVE of events/, naming this hold's lease. */
    static DynamodbEvent ttlRemovalOf(String holdId) {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("../events/hold-lease-ttl-remove.json");
        var change = event.getRecords().get(0).getDynamodb();
        var pk = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(Keys.hold(holdId));
        change.getKeys().put(Keys.PK, pk);
        change.getOldImage().put(Keys.PK, pk);
        return event;
    }

    StreamsEventResponse invokeStream(DynamodbEvent event) {
        return stack.invoke(STREAM_FUNCTION, event);
    }

    SweepReport sweep() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("../events/sweep-schedule.json");
        return stack.invoke(SWEEP_FUNCTION, event);
    }

    // ---- what the table holds

    String holdStatus(String holdId) {
        return Attr.str(meta(holdId), "status");
    }

    Map<String, AttributeValue> meta(String holdId) {
        return dynamo.getItem(b -> b.tableName(table).key(HoldItems.metaKey(holdId)).consistentRead(true)).item();
    }

    boolean leaseExists(String holdId) {
        return dynamo.getItem(b -> b.tableName(table).key(HoldItems.leaseKey(holdId)).consistentRead(true)).hasItem();
    }

    /** Ticket id -> status. */
    Map<String, String> ticketStatuses(String holdId) {
        Map<String, String> statuses = new TreeMap<>();
        for (var item : partition(holdId)) {
            if (Attr.str(item, Keys.SK).startsWith(TicketItems.PREFIX)) {
                statuses.put(Attr.str(item, "id"), Attr.str(item, "status"));
            }
        }
        return statuses;
    }

    List<Map<String, AttributeValue>> partition(String holdId) {
        return new ArrayList<>(dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.hold(holdId))))).items().stream().toList());
    }

    Map<String, AttributeValue> seat(String eventId, String seat) {
        Event event = events.get(eventId);
        return dynamo.getItem(b -> b.tableName(table).key(SeatItems.key(event, SeatId.parse(seat))).consistentRead(true)).item();
    }

    /** Status and holder of a seat as stored, e.g. {@code RESERVED by <holdId>} or {@code AVAILABLE by null}. */
    String seatState(String eventId, String seat) {
        var item = seat(eventId, seat);
        return Attr.str(item, "status") + " by " + Attr.str(item, "hold_id");
    }

    /** Everything storage has about the hold and its seats, to compare before and after. */
    Map<String, Object> snapshot(String holdId, String eventId, String... seats) {
        Map<String, Object> snapshot = new HashMap<>();
        snapshot.put("hold", partition(holdId));
        for (String seat : seats) {
            snapshot.put(seat, seat(eventId, seat));
        }
        return snapshot;
    }

    /**
     * The hold as a sale leaves it, written straight into the table (payments are built elsewhere): hold PAID,
     * tickets PAID, seats SOLD, lease deleted. {@code expiry_shard} stays on purpose, as if the index had not caught
     * up, so that the sweeper meets a paid hold.
     */
    void markPaid(String holdId, String eventId, String... seats) {
        dynamo.updateItem(b -> b.tableName(table).key(HoldItems.metaKey(holdId))
                .updateExpression("SET #status = :paid").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":paid", Attr.s(HoldStatus.PAID.name()))));
        for (String ticketId : ticketStatuses(holdId).keySet()) {
            dynamo.updateItem(b -> b.tableName(table).key(TicketItems.key(holdId, ticketId))
                    .updateExpression("SET #status = :paid, payment_id = :payment")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":paid", Attr.s("PAID"), ":payment", Attr.s("pay-" + holdId))));
        }
        Event event = events.get(eventId);
        for (String seat : seats) {
            dynamo.updateItem(b -> b.tableName(table).key(SeatItems.key(event, SeatId.parse(seat)))
                    .updateExpression("SET #status = :sold").expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sold", Attr.s("SOLD"))));
        }
        dynamo.deleteItem(b -> b.tableName(table).key(HoldItems.leaseKey(holdId)));
    }

    @Override
    public void close() {
        stack.close();
    }
}
