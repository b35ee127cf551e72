package dev.ticketing.events.items;

import dev.ticketing.input.Instants;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * An event's sales gates: {@code EVENT#<id>} / {@code SALES_GATE#<n>} ({@code n} in 0..{@link #GATES}-1), absent
 * while sales may go on, present with {@code closed_at} once the event is cancelled (written in the cancel's own
 * transaction). Every sale and every payment start checks the gate of its hold ({@link #check}) in its transaction,
 * so a sale that commits after the cancel is refused by DynamoDB, whatever an instance's cached event says.
 *
 * <p>Why gates and not the event item itself: DynamoDB cancels one of two overlapping transactions that share an item
 * (TransactionConflict), even when both only check it; with the check spread over {@link #GATES} items by hold, two
 * concurrent sales of one event share an item 1 time in 16.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class SalesGateItems {
    /** How many gates an event has. */
    public static final int GATES = 16;
    private static final String GATE = "SALES_GATE#";
    private static final String CLOSED_AT = "closed_at";

    private final Table table;

    public SalesGateItems(Table table) {
        this.table = table;
    }

    /** Check: the gate of {@code holdId} on event {@code eventId} is open (the event is not cancelled). */
    public TransactWriteItem check(String eventId, String holdId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                .key(key(eventId, Math.floorMod(holdId.hashCode(), GATES)))
                .conditionExpression("attribute_not_exists(" + CLOSED_AT + ")").build()).build();
    }

    /** Close: every gate of the event, at {@code now} (a repeat leaves them closed). */
    public List<TransactWriteItem> closeAll(String eventId, Instant now) {
        return IntStream.range(0, GATES).mapToObj(gate -> {
            Map<String, AttributeValue> item = new HashMap<>(key(eventId, gate));
            item.put(CLOSED_AT, s(Instants.text(now)));
            return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build()).build();
        }).toList();
    }

    private static Map<String, AttributeValue> key(String eventId, int gate) {
        return Map.of(Keys.PK, s(Keys.event(eventId)), Keys.SK, s(GATE + String.format("%02d", gate)));
    }
}
