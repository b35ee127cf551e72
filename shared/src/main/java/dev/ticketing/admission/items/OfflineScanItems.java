package dev.ticketing.admission.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.admission.model.ScanResult;
import dev.ticketing.input.Instants;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How the answer to one offline scan is kept, so that a device uploading it again gets the same answer:
 * {@code DOORSCAN#<eventId>#<deviceId>} / {@code SCAN#<scanId>} -> result, ticket_id, seat, name, first_device,
 * first_at, recorded_at; kept {@link #KEPT} by TTL (a device uploads within hours; a month covers a lost one).
 * Written once ({@code attribute_not_exists}): of two uploads of the same scan at once, one answer is kept and the
 * other upload reads it. Stateless: built by the use case from the {@link Table}, not a bean.
 */
public class OfflineScanItems {
    /** How long an answer is kept for a re-upload. */
    public static final Duration KEPT = Duration.ofDays(30);
    private static final String RESULT = "result";
    private static final String TICKET_ID = "ticket_id";
    private static final String SEAT = "seat";
    private static final String NAME = "name";
    private static final String FIRST_DEVICE = "first_device";
    private static final String FIRST_AT = "first_at";
    private static final String RECORDED_AT = "recorded_at";

    private final Table table;

    public OfflineScanItems(Table table) {
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String eventId, String deviceId, String scanId) {
        return Map.of(Keys.PK, s(Keys.of("DOORSCAN", eventId, deviceId)), Keys.SK, s(Keys.of("SCAN", scanId)));
    }

    /** Record: the answer to the scan, once (fails if an answer is kept already). */
    public TransactWriteItem record(String eventId, String deviceId, ScanResult answer, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(eventId, deviceId, answer.scanId()));
        item.put(RESULT, s(answer.result()));
        put(item, TICKET_ID, answer.ticketId());
        put(item, SEAT, answer.seat());
        put(item, NAME, answer.name());
        put(item, FIRST_DEVICE, answer.firstDeviceId());
        put(item, FIRST_AT, answer.firstAt() == null ? null : Instants.text(answer.firstAt()));
        item.put(RECORDED_AT, s(Instants.text(now)));
        item.put(Keys.TTL, n(Ttl.atOrAfter(now.plus(KEPT))));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(" + Keys.PK + ")").build()).build();
    }

    /** The answer kept for the scan, read strongly consistently; empty when it was never answered. */
    public Optional<ScanResult> find(String eventId, String deviceId, String scanId) {
        Map<String, AttributeValue> item = table.client().getItem(get -> get.tableName(table.name())
                .key(key(eventId, deviceId, scanId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String firstAt = str(item, FIRST_AT);
        return Optional.of(new ScanResult(scanId, str(item, RESULT), str(item, TICKET_ID), str(item, SEAT),
                str(item, NAME), str(item, FIRST_DEVICE), firstAt == null ? null : Instants.parse(firstAt)));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
