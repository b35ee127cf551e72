package dev.ticketing.holds.items;

import dev.ticketing.store.Keys;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sparse GSI {@code expiry} that lets the sweeper find ACTIVE holds past their time without a scan. Only
 * a hold's {@code META} item carries {@link #SHARD} ({@code ACTIVE#<0..7>}), and only while the hold is ACTIVE;
 * its range key is the hold's {@code expires_at} (epoch millis). Every transaction that ends a hold (release,
 * expiry, sale) REMOVEs {@link #SHARD}, which takes the hold out of the index. Eight shards spread the index's
 * writes over partitions; a hold's shard is fixed by its id.
 */
public final class ExpiryIndex {
    /** The GSI's name (template.yaml: Table.GlobalSecondaryIndexes). */
    public static final String NAME = "expiry";
    /** The GSI's hash key, present on a hold's META item only while the hold is ACTIVE. */
    public static final String SHARD = "expiry_shard";
    /** The GSI's range key: the hold's end, epoch millis (the META item has it anyway). */
    public static final String EXPIRES_AT = "expires_at";
    public static final int SHARDS = 8;
    private static final String PREFIX = "ACTIVE#";

    private ExpiryIndex() {
    }

    /** {@code ACTIVE#<n>}: the shard of this hold, the same on every call and every JVM. */
    public static String shardOf(String holdId) {
        return PREFIX + Math.floorMod(holdId.hashCode(), SHARDS);
    }

    public static List<String> shards() {
        return IntStream.range(0, SHARDS).mapToObj(shard -> PREFIX + shard).toList();
    }

    /** The hold id of an index entry (its key attributes are projected: {@code pk = HOLD#<id>}). */
    public static String holdIdOf(Map<String, AttributeValue> entry) {
        String pk = entry.get(Keys.PK).s();
        return pk.substring(Keys.hold("").length());
    }
}
