package dev.ticketing.audit.items;

import dev.ticketing.input.Instants;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How an event's audit trail is stored: append-only, one item per organiser action, partition
 * {@code AUDIT#<eventId>}, sort key {@code ENTRY#<epoch millis, 13 digits>#<entry id>} (so a query reads them in the
 * order they happened), with {@code actor}, {@code action}, {@code at} (ISO-8601), {@code summary} and
 * {@code before} / {@code after} as JSON text. An entry is only ever put, never updated or deleted: the put's
 * condition refuses an existing key. Written in the transaction of the action it records.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class AuditItems {
    private static final String PARTITION_PREFIX = "AUDIT";
    private static final String SORT_PREFIX = "ENTRY#";
    private static final String ID = "id";
    private static final String EVENT_ID = "event_id";
    private static final String AT = "at";
    private static final String ACTOR = "actor";
    private static final String ACTION = "action";
    private static final String SUMMARY = "summary";
    private static final String BEFORE = "before";
    private static final String AFTER = "after";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Table table;

    public AuditItems(Table table) {
        this.table = table;
    }

    public static String partition(String eventId) {
        return Keys.of(PARTITION_PREFIX, eventId);
    }

    /** Record: the entry, appended; fails if its key exists (an entry is never overwritten). */
    public TransactWriteItem record(AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(partition(entry.eventId())));
        item.put(Keys.SK, s(SORT_PREFIX + String.format("%013d", entry.at().toEpochMilli()) + "#" + entry.id()));
        item.put(ID, s(entry.id()));
        item.put(EVENT_ID, s(entry.eventId()));
        item.put(AT, s(Instants.text(entry.at())));
        item.put(ACTOR, s(entry.actor()));
        item.put(ACTION, s(entry.action().name()));
        item.put(SUMMARY, s(entry.summary()));
        item.put(BEFORE, s(json(entry.before())));
        item.put(AFTER, s(json(entry.after())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The event's entries, oldest first (strongly consistent: an action just answered is in it). */
    public QueryRequest eventQuery(String eventId) {
        return QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :entries)")
                .expressionAttributeValues(Map.of(":pk", s(partition(eventId)), ":entries", s(SORT_PREFIX)))
                .consistentRead(true)
                .scanIndexForward(true)
                .build();
    }

    /** The start key of the page after {@code cursor} of the event's entries (null: the first); else a 400. */
    public static Map<String, AttributeValue> startKey(String eventId, String cursor) {
        return Page.startKey(cursor, Set.of(Keys.PK, Keys.SK), Keys.PK, partition(eventId), Keys.SK, SORT_PREFIX);
    }

    public static AuditEntry entryOf(Map<String, AttributeValue> item) {
        return new AuditEntry(str(item, ID), str(item, EVENT_ID), Instant.parse(str(item, AT)), str(item, ACTOR),
                AuditAction.valueOf(str(item, ACTION)), str(item, SUMMARY), map(str(item, BEFORE)),
                map(str(item, AFTER)));
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an audit entry's state must be JSON-shaped", e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry's stored state is not JSON", e);
        }
    }
}
