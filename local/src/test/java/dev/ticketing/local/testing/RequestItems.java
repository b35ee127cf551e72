package dev.ticketing.local.testing;

import dev.ticketing.local.LocalSystem;
import dev.ticketing.seats.map.items.SeatMapBlockItems;
import dev.ticketing.store.Keys;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a test compares before and after a request that must change nothing: every item of a stack's table, in key
 * order, but for the compact seat map's block items and the allocators' leases. The stream projection writes the
 * block items on its own time after earlier changes (a hold made before), and AllocatorFunction takes and gives up an
 * event's lease on its own time after an earlier best-available request (it gives it up after that request's answer
 * is recorded); neither because of a refused request or a priming. A refused request's queue entry would still show.
 */
public final class RequestItems {
    private RequestItems() {
    }

    /** Read strongly consistent, sorted by partition then sort key. */
    public static List<Map<String, AttributeValue>> of(LocalSystem stack) {
        String map = SeatMapBlockItems.PARTITION_PREFIX + Keys.SEPARATOR;
        // ALLOCATOR#<eventId> / LEASE (holds.allocation.items.AllocationLeaseItems)
        String allocator = "ALLOCATOR" + Keys.SEPARATOR;
        return stack.dynamoDb().scanPaginator(b -> b.tableName(stack.ref("Table")).consistentRead(true)).items().stream()
                .filter(item -> !item.get(Keys.PK).s().startsWith(map))
                .filter(item -> !(item.get(Keys.PK).s().startsWith(allocator) && Keys.LEASE.equals(item.get(Keys.SK).s())))
                .sorted(Comparator.comparing(item -> item.get(Keys.PK).s() + "\u0000" + item.get(Keys.SK).s()))
                .toList();
    }
}
