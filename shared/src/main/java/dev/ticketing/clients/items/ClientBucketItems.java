package dev.ticketing.clients.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How a client's token bucket on the write routes is stored, and the two writes to it: {@code CLIENT#<client>} /
 * {@code WRITES} -> {@code tat}, the bucket's "theoretical arrival time" (epoch millis; the generic cell rate
 * algorithm, which is a token bucket kept as one number): the bucket is full when {@code tat <= now}, and a request
 * at {@code now} may pass while {@code tat} stays within {@code (burst - 1) x interval} of {@code now}; each request
 * that passes moves {@code tat} one interval on. Both writes only ever move {@code tat} forward, whoever runs them
 * and in whatever order, so concurrent requests cannot pass together more than the bucket holds. TTL removes a
 * bucket once it has long been full again.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class ClientBucketItems {
    private static final String TAT = "tat";
    /** How long a full bucket's item is kept: only to keep the table tidy (a missing item is a full bucket). */
    private static final Duration KEPT = Duration.ofHours(1);

    private final Table table;

    public ClientBucketItems(Table table) {
        this.table = table;
    }

    static Map<String, AttributeValue> key(String client) {
        return Map.of(Keys.PK, s(Keys.of("CLIENT", client)), Keys.SK, s("WRITES"));
    }

    /** First request after a quiet spell: the bucket is full (no item, or {@code tat <= now}); one token is taken. */
    public TransactWriteItem takeFromFull(String client, Instant now, Duration interval) {
        Instant tat = now.plus(interval);
        return update(client, "SET " + TAT + " = :tat, #ttl = :ttl",
                "attribute_not_exists(" + TAT + ") OR " + TAT + " <= :now",
                Map.of(":tat", n(tat.toEpochMilli()), ":now", n(now.toEpochMilli()),
                        ":ttl", n(Ttl.atOrAfter(tat.plus(KEPT)))));
    }

    /**
     * A request while the bucket is partly used ({@code now < tat}): one token is taken if one is left, that is if
     * {@code tat <= now + (burst - 1) x interval}.
     */
    public TransactWriteItem takeFromPartlyUsed(String client, Instant now, Duration interval, int burst) {
        Instant latest = now.plus(interval.multipliedBy(burst - 1L));
        return update(client, "SET " + TAT + " = " + TAT + " + :interval, #ttl = :ttl",
                TAT + " > :now AND " + TAT + " <= :latest",
                Map.of(":interval", n(interval.toMillis()), ":now", n(now.toEpochMilli()),
                        ":latest", n(latest.toEpochMilli()),
                        ":ttl", n(Ttl.atOrAfter(latest.plus(interval).plus(KEPT)))));
    }

    private TransactWriteItem update(String client, String expression, String condition,
                                     Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(key(client))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                .expressionAttributeValues(values)
                .build()).build();
    }
}
