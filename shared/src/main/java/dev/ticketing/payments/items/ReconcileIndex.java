package dev.ticketing.payments.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The sparse GSI {@code reconcile} that lets reconciliation find PENDING payments that are due without a scan.
 * Only a payment item carries {@link #SHARD} ({@code PENDING#<0..7>}), while PENDING and, once FAILED, until its
 * order is released at the provider (nothing may stay authorized); its range key {@link #DUE_AT} (epoch millis) is
 * when the payment is next due. The sale, a failure with its money refunded, and the release REMOVE {@link #SHARD}.
 * Eight shards spread the index's writes over partitions; a payment's shard is fixed by its id.
 */
public final class ReconcileIndex {
    /** The GSI's name (template.yaml: Table.GlobalSecondaryIndexes). */
    public static final String NAME = "reconcile";
    /** The GSI's hash key, present on a payment item while it is PENDING, or FAILED with its release still to do. */
    public static final String SHARD = "reconcile_shard";
    /** The GSI's range key: when the payment is next due, epoch millis. */
    public static final String DUE_AT = "reconcile_at";
    public static final int SHARDS = 8;
    private static final String PREFIX = "PENDING#";

    private ReconcileIndex() {
    }

    public static String shardOf(String paymentId) {
        return PREFIX + Math.floorMod(paymentId.hashCode(), SHARDS);
    }

    public static List<String> shards() {
        return IntStream.range(0, SHARDS).mapToObj(shard -> PREFIX + shard).toList();
    }

    /**
     * At most {@code limit} keys of {@code shard} due at {@code now}, soonest due first. The index is shared by kind of
     * work: a shard's prefix says which ({@code PENDING#} payments, {@code MAIL#} orders' mails).
     */
    public static QueryRequest dueQuery(String table, String shard, Instant now, int limit) {
        return QueryRequest.builder().tableName(table)
                .indexName(NAME)
                .keyConditionExpression("#shard = :shard AND #dueAt <= :now")
                .expressionAttributeNames(Map.of("#shard", SHARD, "#dueAt", DUE_AT))
                .expressionAttributeValues(Map.of(":shard", s(shard), ":now", n(now.toEpochMilli())))
                .scanIndexForward(true)
                .limit(limit)
                .build();
    }
}
