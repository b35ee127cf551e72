package dev.ticketing.holds.items;

import static dev.ticketing.store.Attr.s;

import dev.ticketing.store.Counters;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How a user's count of holds for an event in one clock hour is stored, and the one write to it:
 * {@code USER#<userId>#EVENT#<eventId>#HOLDS} / {@code HOUR#<yyyy-MM-ddTHH>} -> {@code holds} (a number), kept two
 * hours by TTL. Counting adds one if the count is still below the limit; it goes into the hold's own transaction, so
 * a refused or failed hold counts nothing and concurrent holds cannot pass the limit together.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class HoldQuotaItems {
    private static final String HOLDS = "holds";

    private final Table table;

    public HoldQuotaItems(Table table) {
        this.table = table;
    }

    /** The hour a hold made at {@code now} counts in. */
    public static Instant hourOf(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    static Map<String, AttributeValue> key(String userId, String eventId, Instant hour) {
        return Map.of(Keys.PK, s(Keys.user(userId) + "#" + Keys.event(eventId) + "#HOLDS"),
                Keys.SK, s("HOUR#" + hour.toString().substring(0, 13)));
    }

    /** Count: one more hold of the user for the event in the hour of {@code now}, if fewer than {@code max} so far. */
    public TransactWriteItem count(String userId, String eventId, int max, Instant now) {
        Instant hour = hourOf(now);
        return Counters.addBelow(table, key(userId, eventId, hour), HOLDS, max, hour.plus(Duration.ofHours(2)));
    }
}
