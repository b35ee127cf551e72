package dev.ticketing.payments.items;

import static dev.ticketing.store.Attr.s;

import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How the provider-order link is stored, and the one write to it: {@code PROVIDER#<provider>#<orderId>} /
 * {@code META} -> {@code payment_id}, so a webhook, which knows only the provider's order, finds its payment with
 * one GetItem.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class OrderLinkItems {
    private static final String PAYMENT_ID = "payment_id";

    private final Table table;

    public OrderLinkItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(PaymentProvider provider, String orderId) {
        return Map.of(Keys.PK, s(Keys.of("PROVIDER", provider.name(), orderId)), Keys.SK, s(Keys.META));
    }

    /** Create: the order is the payment's; fails if the order is linked already. */
    public TransactWriteItem create(PaymentProvider provider, String orderId, String paymentId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(Map.of(Keys.PK, key(provider, orderId).get(Keys.PK), Keys.SK, s(Keys.META), PAYMENT_ID, s(paymentId)))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    static String paymentIdOf(Map<String, AttributeValue> link) {
        return Attr.str(link, PAYMENT_ID);
    }
}
