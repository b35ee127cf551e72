package dev.ticketing.venues.items;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.input.Instants;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How a plan version is stored, in its venue's partition. A 100,000-seat plan is megabytes of JSON and an item holds
 * 400 KB, so a version is its plan's own form ({@code TicketingPlans}), gzip-compressed and cut into chunks of at most
 * {@link #CHUNK_BYTES}: {@code VENUE#<id>} / {@code PLAN#<version>#CHUNK#<write>#<n>} (binary {@code data}), and a head
 * {@code VENUE#<id>} / {@code PLAN#<version>} naming the write whose chunks are the version, their count, size and
 * SHA-256. Chunks are written first; the head is put last, in the transaction that moves the venue to that version,
 * so a version is visible whole or not at all. Nothing here is ever updated: a version is immutable. Chunks of a
 * write that lost its race (or crashed) are never named by a head and never read. Stateless: built from the
 * {@link Table}.
 */
public class PlanItems {
    /** Chunk payload: well under DynamoDB's 400 KB item limit with keys and names. */
    public static final int CHUNK_BYTES = 350_000;
    private static final String DATA = "data";
    private static final String WRITE_ID = "write_id";
    private static final String CHUNKS = "chunks";
    private static final String BYTES = "bytes";
    private static final String SHA256 = "sha256";
    private static final String SEATS = "seats";
    private static final String CREATED_AT = "created_at";
    private static final String CREATED_BY = "created_by";

    /** A version's head as stored. */
    public record Head(int version, String writeId, int chunks, long bytes, String sha256, int seats, Instant createdAt,
                       String createdBy) {
    }

    private final Table table;

    public PlanItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> headKey(String venueId, int version) {
        return Map.of(Keys.PK, s(VenueItems.partition(venueId)), Keys.SK, s(versionKey(version)));
    }

    /** One chunk of a write; put alone, before its head, refused if it exists (a write id is new every time). */
    public TransactWriteItem chunk(String venueId, int version, String writeId, int index, byte[] data) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(VenueItems.partition(venueId)));
        item.put(Keys.SK, s(chunkPrefix(version, writeId) + String.format(Locale.ROOT, "%04d", index)));
        item.put(DATA, AttributeValue.fromB(SdkBytes.fromByteArray(data)));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The head that makes a write the version; refused if the version exists. */
    public TransactWriteItem head(String venueId, Head head) {
        Map<String, AttributeValue> item = new HashMap<>(headKey(venueId, head.version()));
        item.put(WRITE_ID, s(head.writeId()));
        item.put(CHUNKS, n(head.chunks()));
        item.put(BYTES, n(head.bytes()));
        item.put(SHA256, s(head.sha256()));
        item.put(SEATS, n(head.seats()));
        item.put(CREATED_AT, s(Instants.text(head.createdAt())));
        item.put(CREATED_BY, s(head.createdBy()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The chunks of a version's write, in order (read strongly consistently: they were written before the head). */
    public QueryRequest chunkQuery(String venueId, Head head) {
        return QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression(Keys.PK + " = :venue AND begins_with(" + Keys.SK + ", :chunks)")
                .expressionAttributeValues(Map.of(":venue", s(VenueItems.partition(venueId)),
                        ":chunks", s(chunkPrefix(head.version(), head.writeId()))))
                .build();
    }

    public static Head headOf(Map<String, AttributeValue> item) {
        return new Head(Integer.parseInt(str(item, Keys.SK).substring("PLAN#".length())), str(item, WRITE_ID),
                integer(item, CHUNKS), Long.parseLong(item.get(BYTES).n()), str(item, SHA256), integer(item, SEATS),
                Instants.parse(str(item, CREATED_AT)), str(item, CREATED_BY));
    }

    public static byte[] dataOf(Map<String, AttributeValue> item) {
        return item.get(DATA).b().asByteArray();
    }

    private static String versionKey(int version) {
        return String.format(Locale.ROOT, "PLAN#%06d", version);
    }

    private static String chunkPrefix(int version, String writeId) {
        return versionKey(version) + "#CHUNK#" + Keys.part(writeId) + "#";
    }
}
