package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.store.Attr;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Cleanup of holds whose time is up, for both triggers (the TTL deletion of a lease, the sweeper). It only tidies
 * up: a seat of an expired hold is already available to everyone (lazy expiry) whether or not this ever runs.
 * Ending is {@link HoldReleaser#end}: one conditional transaction, so repeating it, or racing a release, a sale
 * or the other trigger, changes nothing twice and never takes a seat from whoever holds it now.
 */
@Singleton
public class ExpiredHolds {
    private final DynamoDbClient dynamo;
    private final HoldStore holds;
    private final HoldReleaser releaser;
    private final String table;

    public ExpiredHolds(DynamoDbClient dynamo, HoldStore holds, HoldReleaser releaser, TicketingConfig config) {
        this.dynamo = dynamo;
        this.holds = holds;
        this.releaser = releaser;
        this.table = config.tableName();
    }

    /** Ends the hold as EXPIRED if storage still has it ACTIVE and its time is up; otherwise says why not. */
    public ExpiryOutcome expire(String holdId) {
        Optional<StoredHold> found = holds.load(holdId);
        if (found.isEmpty()) {
            return ExpiryOutcome.UNKNOWN_HOLD;
        }
        StoredHold stored = found.get();
        if (stored.storedStatus() == HoldStatus.PAID) {
            return ExpiryOutcome.PAID;
        }
        if (!stored.open()) {
            return ExpiryOutcome.ALREADY_ENDED;
        }
        if (stored.hold().status() == HoldStatus.ACTIVE) {
            return ExpiryOutcome.NOT_DUE;
        }
        try {
            releaser.end(holdId, HoldStatus.EXPIRED);
        } catch (ConflictException paidMeanwhile) {
            return ExpiryOutcome.PAID;
        }
        return ExpiryOutcome.ENDED;
    }

    /**
     * Up to {@code limit} ids of holds in one shard of the expiry index whose time was up at {@code now}, oldest
     * first. The index is eventually consistent: an id may belong to a hold that has just ended.
     */
    public List<String> due(String shard, Instant now, int limit) {
        return dynamo.query(b -> b.tableName(table)
                        .indexName(ExpiryIndex.NAME)
                        .keyConditionExpression("#shard = :shard AND #expires <= :now")
                        .expressionAttributeNames(Map.of("#shard", ExpiryIndex.SHARD, "#expires", ExpiryIndex.EXPIRES_AT))
                        .expressionAttributeValues(Map.of(
                                ":shard", Attr.s(shard),
                                ":now", Attr.n(now.toEpochMilli())))
                        .scanIndexForward(true)
                        .limit(limit))
                .items().stream()
                .map(ExpiryIndex::holdIdOf)
                .toList();
    }

    /**
     * Takes a hold that has ended (or been paid) out of the expiry index, for an entry left behind by a writer
     * that did not remove {@link ExpiryIndex#SHARD}; changes nothing else and never touches an ACTIVE hold.
     */
    public void unindex(String holdId) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(HoldItems.metaKey(holdId))
                    .updateExpression("REMOVE #shard")
                    .conditionExpression("attribute_exists(#shard) AND #status <> :active")
                    .expressionAttributeNames(Map.of("#shard", ExpiryIndex.SHARD, "#status", HoldItems.STATUS))
                    .expressionAttributeValues(Map.of(":active", Attr.s(HoldStatus.ACTIVE.name()))));
        } catch (ConditionalCheckFailedException alreadyOut) {
            // already out of the index: the usual case, the index lagged behind the end
        }
    }
}
