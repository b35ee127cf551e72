package dev.ticketing.payments.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.input.Instants;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How a webhook event for an order that is not ours is recorded (a PayPal app shared with another shop sends us
 * its events too): {@code UNMATCHED#<provider>#<eventId>} / {@code META} with the event's type, order and why it
 * matched nothing, kept {@link #RETENTION} for an operator; the event itself is acknowledged, not retried.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class UnmatchedEventItems {
    public static final Duration RETENTION = Duration.ofDays(30);
    private static final String TYPE = "event_type";
    private static final String ORDER_ID = "order_id";
    private static final String REASON = "reason";
    private static final String RECEIVED_AT = "received_at";

    private final Table table;

    public UnmatchedEventItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(PaymentProvider provider, String eventId) {
        return Map.of(Keys.PK, s(Keys.of("UNMATCHED", provider.name(), eventId)), Keys.SK, s(Keys.META));
    }

    /** Record: the event and why it matched no payment (written again on a redelivery, unchanged). */
    public TransactWriteItem record(PaymentEvent event, String reason, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(event.provider(), event.eventId()));
        item.put(TYPE, s(event.providerType()));
        if (event.orderId() != null) {
            item.put(ORDER_ID, s(event.orderId()));
        }
        item.put(REASON, s(reason));
        item.put(RECEIVED_AT, s(Instants.text(now)));
        item.put(Keys.TTL, n(Ttl.atOrAfter(now.plus(RETENTION))));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build()).build();
    }
}
