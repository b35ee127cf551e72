package dev.ticketing.tickets.items;

import dev.ticketing.store.Parallel;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.model.IssuedTicket;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads an event's tickets as its door needs them, from the {@link DoorIndex}: every sold ticket (valid or revoked,
 * admitted or not), or those changed since a time, or the count of valid ones. The shards are read at once, each a
 * page (1 MB) at a time, so a 100,000-ticket event is a few dozen pages. Eventually consistent, as every GSI read:
 * a write of the last second may be missing (a door list's delta overlaps its versions for that).
 */
@Singleton
public class DoorReader {
    private final Table table;
    private final TicketItems tickets;

    public DoorReader(Table table) {
        this.table = table;
        this.tickets = new TicketItems(table);
    }

    /** Every ticket of the event ever sold (PAID or revoked since), shard by shard; {@code since} null: all. */
    public List<IssuedTicket> tickets(String eventId, Instant changedSince) {
        List<List<IssuedTicket>> shards = eachShard(eventId, shard -> {
            List<IssuedTicket> found = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = table.client().query(tickets.doorQuery(shard, changedSince, start));
                page.items().forEach(item -> found.add(TicketItems.issuedOf(item)));
                start = page.lastEvaluatedKey();
            } while (start != null && !start.isEmpty());
            return found;
        });
        List<IssuedTicket> all = new ArrayList<>();
        shards.forEach(all::addAll);
        return all;
    }

    /** How many of the event's tickets are PAID now (only counts cross the network). */
    public long paid(String eventId) {
        return eachShard(eventId, shard -> {
            long count = 0;
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = table.client().query(tickets.doorCountQuery(shard, start));
                count += page.count();
                start = page.lastEvaluatedKey();
            } while (start != null && !start.isEmpty());
            return count;
        }).stream().mapToLong(Long::longValue).sum();
    }

    /** {@code read} of each shard of the event, the shards at once. */
    private static <T> List<T> eachShard(String eventId, Function<String, T> read) {
        return Parallel.map(DoorIndex.shards(eventId), DoorIndex.SHARDS, read);
    }
}
