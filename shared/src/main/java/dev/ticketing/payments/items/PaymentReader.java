package dev.ticketing.payments.items;

import dev.ticketing.identity.Caller;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads payments: by id, for their owner, and by provider order (what a webhook knows). */
@Singleton
public class PaymentReader {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Table tableItems;

    public PaymentReader(Table table) {
        this.tableItems = table;
        this.dynamo = table.client();
        this.table = table.name();
    }

    public Optional<Payment> find(String paymentId) {
        if (!Ids.isServerMade(paymentId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(PaymentItems.key(paymentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(PaymentItems.paymentOf(item));
    }

    /** The provider request ids of the payment's refunds of our own, recorded with them; empty when none. */
    public Set<String> refundRequests(String paymentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(PaymentItems.key(paymentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Set.of() : PaymentItems.refundRequestsOf(item);
    }

    /** The payments of these ids that exist (strongly consistent, batched), by id. */
    public Map<String, Payment> findAll(Collection<String> paymentIds) {
        Map<String, Payment> found = new HashMap<>();
        tableItems.getAll(paymentIds.stream().filter(Ids::isServerMade).distinct().map(PaymentItems::key).toList())
                .stream().map(PaymentItems::paymentOf).forEach(payment -> found.put(payment.id(), payment));
        return found;
    }

    public Payment get(String paymentId) {
        return find(paymentId).orElseThrow(() -> new IllegalStateException("no payment " + paymentId));
    }

    /** The caller's payment; anyone else's is reported as missing, so ids reveal nothing. */
    public Payment ownedBy(Caller caller, String paymentId) {
        return find(paymentId)
                .filter(payment -> payment.userId().equals(caller.userId()))
                .orElseThrow(() -> new NotFoundException("Payment " + Ids.quoted(paymentId) + " does not exist"));
    }

    /** The payment of a provider order, through its link item. */
    public Optional<Payment> findByOrder(PaymentProvider provider, String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> link = dynamo.getItem(b -> b.tableName(table)
                .key(OrderLinkItems.key(provider, orderId)).consistentRead(true)).item();
        if (link == null || link.isEmpty()) {
            return Optional.empty();
        }
        return find(OrderLinkItems.paymentIdOf(link));
    }
}
