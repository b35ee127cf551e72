package dev.ticketing.payments.items;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The sparse GSI {@code reconcile} that lets reconciliation find PENDING payments that are due without a scan.
 * Only a payment item carries {@link #SHARD} ({@code PENDING#<0..7>}), and only while PENDING; its range key
 * {@link #DUE_AT} (epoch millis) is when the payment is next due. The sale and every failure REMOVE {@link #SHARD}.
 * Eight shards spread the index's writes over partitions; a payment's shard is fixed by its id.
 */
public final class ReconcileIndex {
    /** The GSI's name (template.yaml: Table.GlobalSecondaryIndexes). */
    public static final String NAME = "reconcile";
    /** The GSI's hash key, present on a payment item only while it is PENDING. */
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
}
