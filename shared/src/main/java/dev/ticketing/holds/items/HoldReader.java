package dev.ticketing.holds.items;

import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads purchase sessions (the format is {@link HoldItems}'). */
@Singleton
public class HoldReader {
    private final DynamoDbClient dynamo;
    private final HoldItems holdItems;
    private final Clock clock;

    public HoldReader(Table table, Clock clock) {
        this.dynamo = table.client();
        this.holdItems = new HoldItems(table);
        this.clock = clock;
    }

    /** The hold as its owner sees it now (an expired hold's PENDING tickets read CANCELLED). */
    public Optional<Hold> find(String holdId) {
        return load(holdId).map(StoredHold::hold).map(Hold::withVisibleTickets);
    }

    /** The hold with its tickets as stored (what writes decide on), read strongly consistently in one query. */
    public Optional<StoredHold> load(String holdId) {
        if (!Ids.isServerMade(holdId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> meta = null;
        List<Map<String, AttributeValue>> tickets = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(holdItems.partitionQuery(holdId)).items()) {
            if (HoldItems.isMeta(item)) {
                meta = item;
            } else if (TicketItems.isTicket(item)) {
                tickets.add(item);
            }
        }
        return meta == null ? Optional.empty() : Optional.of(HoldItems.holdOf(meta, tickets, clock.instant()));
    }

    /** The caller's hold; someone else's hold is reported as missing so that hold ids reveal nothing. */
    public Hold ownedBy(Caller caller, String holdId) {
        return find(holdId)
                .filter(hold -> hold.userId().equals(caller.userId()))
                .orElseThrow(() -> new NotFoundException("Hold " + Ids.quoted(holdId) + " does not exist"));
    }
}
