package dev.ticketing.idempotency;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How an idempotency key is stored, and the one write to it: {@code IDEMPOTENCY#<scope>#<userId>#<key>} /
 * {@code META} -> the id of what the key created and the fingerprint of the request it came with; TTL removes it
 * after {@link IdempotencyKeys#RETENTION}.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class IdempotencyKeyItems {
    private static final String RESOURCE_ID = "resource_id";
    private static final String FINGERPRINT = "fingerprint";
    private static final String OWNER = "user_id";

    private final Table table;

    public IdempotencyKeyItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(IdempotencyKeys.Key key) {
        return Map.of(Keys.PK, s(Keys.of("IDEMPOTENCY", key.scope(), key.userId(), key.value())),
                Keys.SK, s(Keys.META));
    }

    /** Record: the key created {@code resourceId}, kept until {@code keepUntil}; fails if the key is recorded. */
    public TransactWriteItem record(IdempotencyKeys.Key key, String resourceId, Instant keepUntil) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(Map.of(
                        Keys.PK, key(key).get(Keys.PK),
                        Keys.SK, s(Keys.META),
                        RESOURCE_ID, s(resourceId),
                        FINGERPRINT, s(key.fingerprint()),
                        OWNER, s(key.userId()),
                        Keys.TTL, n(Ttl.atOrAfter(keepUntil))))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    static String resourceIdOf(Map<String, AttributeValue> item) {
        return Attr.str(item, RESOURCE_ID);
    }

    /** Who recorded the key (null for a record written before owners were stored). */
    static String ownerOf(Map<String, AttributeValue> item) {
        return Attr.str(item, OWNER);
    }

    static String fingerprintOf(Map<String, AttributeValue> item) {
        return Attr.str(item, FINGERPRINT);
    }
}
