package dev.ticketing.events.items;

import dev.ticketing.input.Instants;
import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.events.model.Cancellation;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What a cancellation has done, in the event's partition beside its item: one page item per page of the hall gone
 * through, {@code EVENT#<id>} / {@code CANCEL#PAGE#<first row, 5 digits>} with the tickets of that page refunded and
 * failed (written once: a repeat of the page finds it and does nothing), and one failure item per payment whose
 * refund the provider refused, {@code EVENT#<id>} / {@code CANCEL#FAILURE#<payment id>} with its reason. The progress
 * is the sum of the page items (at most a few hundred for 20,000 seats: one query), never a counter that a repeat
 * could move twice. Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class CancellationItems {
    private static final String CANCEL = "CANCEL#";
    private static final String PAGE = CANCEL + "PAGE#";
    private static final String FAILURE = CANCEL + "FAILURE#";
    private static final String REFUNDED = "refunded";
    private static final String FAILED = "failed";
    private static final String PAYMENT_ID = "payment_id";
    private static final String REASON = "reason";
    private static final String AT = "at";

    private final Table table;

    public CancellationItems(Table table) {
        this.table = table;
    }

    /** The sums of the page items and the failures, as stored. */
    public record Progress(int pagesDone, int refunded, int failed, List<Cancellation.Failure> failures) {
    }

    /** Whether the page starting at {@code fromRow} is done (strongly consistent). */
    public boolean pageDone(String eventId, int fromRow) {
        return table.client().getItem(b -> b.tableName(table.name()).key(key(eventId, page(fromRow))).consistentRead(true))
                .hasItem();
    }

    /** Records the page as done with its counts; false when it was already (a repeat: the first counts stand). */
    public boolean recordPage(String eventId, int fromRow, int refunded, int failed, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(eventId, page(fromRow)));
        item.put(REFUNDED, n(refunded));
        item.put(FAILED, n(failed));
        item.put(AT, s(Instants.text(now)));
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException repeat) {
            return false;
        }
    }

    /** Records (or replaces) why the provider refused to refund the payment. */
    public void recordFailure(String eventId, String paymentId, String reason, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(eventId, FAILURE + Keys.part(paymentId)));
        item.put(PAYMENT_ID, s(paymentId));
        item.put(REASON, s(reason));
        item.put(AT, s(Instants.text(now)));
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    /** The progress of the event's cancellation: one strongly consistent query of its partition's cancel items. */
    public Progress progress(String eventId) {
        QueryRequest query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression(Keys.PK + " = :pk AND begins_with(" + Keys.SK + ", :cancel)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.event(eventId)), ":cancel", s(CANCEL)))
                .consistentRead(true).build();
        DynamoDbClient dynamo = table.client();
        int pages = 0;
        int refunded = 0;
        int failed = 0;
        List<Cancellation.Failure> failures = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            if (str(item, Keys.SK).startsWith(PAGE)) {
                pages++;
                refunded += integer(item, REFUNDED);
                failed += integer(item, FAILED);
            } else {
                failures.add(new Cancellation.Failure(str(item, PAYMENT_ID), str(item, REASON), Instant.parse(str(item, AT))));
            }
        }
        return new Progress(pages, refunded, failed, failures);
    }

    private static String page(int fromRow) {
        return PAGE + String.format("%05d", fromRow);
    }

    private static Map<String, AttributeValue> key(String eventId, String sortKey) {
        return Map.of(Keys.PK, s(Keys.event(eventId)), Keys.SK, s(sortKey));
    }
}
