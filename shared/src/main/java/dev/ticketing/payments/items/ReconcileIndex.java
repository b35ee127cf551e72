package dev.ticketing.payments.items;

import java.util.List;
import java.util.stream.IntStream;

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
}
