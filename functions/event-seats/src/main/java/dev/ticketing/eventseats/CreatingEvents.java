package dev.ticketing.eventseats;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.ticketing.store.Keys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a stream record as "this event item was written": the id of an {@code EVENT#<id>} / {@code META} item that
 * was inserted or changed. The template's filter lets through only events CREATING without a lease; whatever else
 * arrives (a test, {@code sam local invoke}) is harmless, since finishing an event checks its state in the table.
 */
final class CreatingEvents {
    private CreatingEvents() {
    }

    /** The event's id, or empty for a record of any other item, or a deletion. */
    static Optional<String> eventOf(DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) && !"MODIFY".equals(record.getEventName())) {
            return Optional.empty();
        }
        StreamRecord change = record.getDynamodb();
        Map<String, AttributeValue> keys = change == null ? null : change.getKeys();
        if (keys == null || !Keys.META.equals(string(keys.get(Keys.SK)))) {
            return Optional.empty();
        }
        String pk = string(keys.get(Keys.PK));
        String prefix = Keys.event("");
        if (pk == null || !pk.startsWith(prefix) || pk.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(pk.substring(prefix.length()));
    }

    /**
     * A batch of one record: the insert of event {@code eventId}'s item as the table's stream delivers it (what
     * SnapStart priming sends, with an event that does not exist).
     */
    static DynamodbEvent sample(String eventId) {
        Map<String, AttributeValue> keys = new HashMap<>();
        keys.put(Keys.PK, new AttributeValue().withS(Keys.event(eventId)));
        keys.put(Keys.SK, new AttributeValue().withS(Keys.META));
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("snapstart-priming");
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withKeys(keys).withSequenceNumber("0"));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }

    private static String string(AttributeValue value) {
        return value == null ? null : value.getS();
    }
}
