package dev.ticketing.store;

import static dev.ticketing.store.Attr.n;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A count that stops at a limit, as one conditional write: one more only while fewer than {@code max}, so
 * concurrent writers cannot pass the limit together; the item carries a TTL so old windows go away. The rate limits
 * (holds per user and hour, unknown ticket codes per staff member and minute) are such counts, one item per window.
 */
public final class Counters {
    private Counters() {
    }

    /** Adds one to {@code attribute} of the item at {@code key} if below {@code max}; the item expires at {@code expiresAt}. */
    public static TransactWriteItem addBelow(Table table, Map<String, AttributeValue> key, String attribute, int max,
                                             Instant expiresAt) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(key)
                .updateExpression("ADD #count :one SET #ttl = :ttl")
                .conditionExpression("attribute_not_exists(#count) OR #count < :max")
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL, "#count", attribute))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":max", n(max),
                        ":ttl", n(Ttl.atOrAfter(expiresAt))))
                .build()).build();
    }
}
