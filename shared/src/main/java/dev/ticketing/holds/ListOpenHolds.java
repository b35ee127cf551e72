package dev.ticketing.holds;

import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A user's open holds, so that a page opened in a new tab (or after a reload) finds the purchase session the user
 * already has: the user's holds that storage has ACTIVE and in time, from the index ({@link HoldItems#userOpenQuery}),
 * each read again strongly consistently with {@link HoldReader#load}, since the index may lag a write by a moment
 * and the hold's own partition does not.
 */
@Singleton
public class ListOpenHolds {
    private final DynamoDbClient dynamo;
    private final HoldItems holdItems;
    private final HoldReader holds;
    private final Clock clock;

    public ListOpenHolds(Table table, HoldReader holds, Clock clock) {
        this.dynamo = table.client();
        this.holdItems = new HoldItems(table);
        this.holds = holds;
        this.clock = clock;
    }

    /** The user's holds that are ACTIVE now, newest first; only those of {@code eventId} unless it is null. */
    public List<StoredHold> open(String userId, String eventId) {
        return dynamo.queryPaginator(holdItems.userOpenQuery(userId, eventId, clock.instant())).items().stream()
                .map(HoldItems::idOf)
                .filter(Objects::nonNull)
                .map(holds::load)
                .flatMap(Optional::stream)
                .filter(stored -> stored.hold().status() == HoldStatus.ACTIVE)
                .toList();
    }
}
