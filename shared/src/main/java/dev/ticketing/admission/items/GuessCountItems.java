package dev.ticketing.admission.items;

import static dev.ticketing.store.Attr.s;

import dev.ticketing.store.Counters;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How a staff member's count of unknown codes in one clock minute is stored, and the one write to it:
 * {@code USER#<userId>#CHECKIN_GUESSES} / {@code MINUTE#<yyyy-MM-ddTHH:mm>} -> {@code guesses}, kept an hour by TTL.
 * Counting adds one only while the count is below the limit, so concurrent scans cannot pass it together.
 * Stateless: built by the use case from the {@link Table}, not a bean.
 */
public class GuessCountItems {
    private static final String GUESSES = "guesses";

    private final Table table;

    public GuessCountItems(Table table) {
        this.table = table;
    }

    /** Count: one more unknown code of the user in the minute of {@code now}, if fewer than {@code max} so far. */
    public TransactWriteItem count(String userId, int max, Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        return Counters.addBelow(table, Map.of(Keys.PK, s(Keys.user(userId) + "#CHECKIN_GUESSES"),
                Keys.SK, s("MINUTE#" + minute.toString().substring(0, 16))), GUESSES, max, minute.plus(Duration.ofHours(1)));
    }
}
