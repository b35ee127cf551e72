package dev.ticketing.venues.items;

import dev.ticketing.store.Ids;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import dev.ticketing.venues.formats.TicketingPlans;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.Venue;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads venues (one, or a page of a list) and their plan versions. */
@Singleton
public class VenueReader {
    private static final Set<String> CURSOR_ATTRIBUTES = Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK);

    private final DynamoDbClient dynamo;
    private final String table;
    private final VenueItems venues;
    private final PlanItems plans;

    public VenueReader(Table table) {
        this.dynamo = table.client();
        this.table = table.name();
        this.venues = new VenueItems(table);
        this.plans = new PlanItems(table);
    }

    /** The venue of {@code venueId} (strongly consistent), or empty. */
    public Optional<Venue> find(String venueId) {
        if (!Ids.isServerMade(venueId)) {
            return Optional.empty(); // an id this server never made names no venue (and may be too long for a key)
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(VenueItems.key(venueId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(VenueItems.venueOf(item));
    }

    /**
     * A page of at most {@code limit} venues of {@code organizerId} (null: every organiser's, by organiser), oldest first, after
     * {@code cursor} (null: the first); a cursor this list did not give is a 400.
     */
    public Page<Venue> page(String organizerId, int limit, String cursor) {
        String prefix = VenueItems.listPrefix(organizerId);
        Map<String, AttributeValue> start = Page.startKey(cursor, CURSOR_ATTRIBUTES, Keys.GSI1_PK, VenueItems.LIST,
                Keys.GSI1_SK, prefix);
        QueryResponse page = dynamo.query(venues.listQuery(prefix).toBuilder().limit(limit).exclusiveStartKey(start).build());
        return new Page<>(page.items().stream().map(VenueItems::venueOf).toList(),
                Page.cursorOf(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }

    /** Version {@code version} of a venue's plan as stored, or empty when there is no such version. */
    public Optional<Plan> plan(String venueId, int version) {
        if (!Ids.isServerMade(venueId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(PlanItems.headKey(venueId, version)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        PlanItems.Head head = PlanItems.headOf(item);
        List<byte[]> chunks = dynamo.queryPaginator(plans.chunkQuery(venueId, head)).items().stream()
                .map(PlanItems::dataOf).toList();
        byte[] data = PlanBlobs.join(chunks);
        if (chunks.size() != head.chunks() || !PlanBlobs.sha256(data).equals(head.sha256())) {
            throw new IllegalStateException("plan " + venueId + " version " + version + ": its chunks do not match its head");
        }
        return Optional.of(TicketingPlans.readStored(PlanBlobs.decompress(data)));
    }
}
