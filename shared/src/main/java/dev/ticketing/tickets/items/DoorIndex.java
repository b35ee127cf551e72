package dev.ticketing.tickets.items;

import dev.ticketing.input.Instants;
import dev.ticketing.store.Keys;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The sparse GSI {@code door}: an event's tickets as its door needs them (the offline check-in list and the check-in
 * report), without a query per hold. A ticket carries {@link #SHARD} ({@code DOOR#<eventId>#<0..7>}) from the write that
 * makes it PAID (a sale, a comp) on; PENDING tickets are not in it. Its range key {@link #CHANGED_AT} is the time
 * (server clock, {@link Instants#text}) of the ticket's last change that a door device must learn: sold, revoked,
 * admitted. So "what changed since" is one range query per shard. Eight shards spread a big event's writes (a sale,
 * a door of ten devices) over partitions; a ticket's shard is fixed by its id.
 *
 * <p>Only the attributes the door reads are projected (template.yaml: {@code Projection: INCLUDE}).
 */
public final class DoorIndex {
    /** The GSI's name (template.yaml: Table.GlobalSecondaryIndexes). */
    public static final String NAME = "door";
    /** The GSI's hash key: {@code DOOR#<eventId>#<n>}. */
    public static final String SHARD = "door_shard";
    /** The GSI's range key: when the ticket last changed for the door. */
    public static final String CHANGED_AT = "door_changed_at";
    public static final int SHARDS = 8;

    private DoorIndex() {
    }

    /** {@code DOOR#<eventId>#<n>}: the shard of this ticket, the same on every call and every JVM. */
    public static String shardOf(String eventId, String ticketId) {
        return Keys.of("DOOR", eventId, Integer.toString(Math.floorMod(ticketId.hashCode(), SHARDS)));
    }

    /** The event's shards, each to be queried. */
    public static List<String> shards(String eventId) {
        return IntStream.range(0, SHARDS).mapToObj(shard -> Keys.of("DOOR", eventId, Integer.toString(shard))).toList();
    }

    /** The range-key text of {@code at}. */
    public static String changedAt(Instant at) {
        return Instants.text(at);
    }
}
