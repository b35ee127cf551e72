package dev.ticketing.orders.items;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.input.Instants;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.orders.model.OrderLine;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How an order is stored: {@code ORDER#<code>} / {@code META}, one item written once by the sale, in gsi1 under
 * {@code USER#<userId>} / {@code ORDER#<created>#<code>} for "my orders". The item under its code is what makes a
 * code unique: it is created only where none exists. Its lines (ticket, seat, price) are a list of maps; the
 * tickets' changing state lives on the ticket items. Stateless: built by each use case from the {@link Table}.
 */
public class OrderItems {
    /** The sort-key prefix of orders in gsi1. */
    public static final String GSI1_PREFIX = "ORDER#";
    private static final String CODE = "code";
    private static final String EVENT_ID = "event_id";
    private static final String USER_ID = "user_id";
    private static final String HOLD_ID = "hold_id";
    private static final String PAYMENT_ID = "payment_id";
    private static final String BUYER_NAME = "buyer_name";
    private static final String BUYER_EMAIL = "buyer_email";
    private static final String TOTAL = "total";
    private static final String CURRENCY = "currency";
    private static final String PROVIDER = "provider";
    private static final String CREATED_AT = "created_at";
    private static final String LINES = "lines";
    private static final String TICKET_ID = "ticket_id";
    private static final String SEAT_ID = "seat_id";
    private static final String ROW = "row";
    private static final String SEAT = "seat";
    private static final String PRICE = "price";

    private final Table table;

    public OrderItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String code) {
        return Map.of(Keys.PK, s(Keys.of("ORDER", code)), Keys.SK, s(Keys.META));
    }

    /** Create: the order under its code; refused when an order has that code already (then the sale takes another). */
    public TransactWriteItem create(PlacedOrder order) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.code()));
        item.put(Keys.GSI1_PK, s(Keys.user(order.userId())));
        item.put(Keys.GSI1_SK, s(GSI1_PREFIX + Instants.text(order.createdAt()) + "#" + order.code()));
        item.put(CODE, s(order.code()));
        item.put(EVENT_ID, s(order.eventId()));
        item.put(USER_ID, s(order.userId()));
        item.put(HOLD_ID, s(order.holdId()));
        item.put(PAYMENT_ID, s(order.paymentId()));
        if (order.buyer() != null) {
            item.put(BUYER_NAME, s(order.buyer().name()));
            item.put(BUYER_EMAIL, s(order.buyer().email()));
        }
        item.put(TOTAL, s(order.total().toPlainString()));
        item.put(CURRENCY, s(order.currency()));
        item.put(PROVIDER, s(order.provider().name()));
        item.put(CREATED_AT, s(Instants.text(order.createdAt())));
        item.put(LINES, AttributeValue.fromL(order.lines().stream().map(line -> AttributeValue.fromM(Map.of(
                TICKET_ID, s(line.ticketId()), SEAT_ID, s(line.seatId()), ROW, n(line.row()), SEAT, n(line.seat()),
                PRICE, s(line.price().toPlainString())))).toList()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The user's orders, newest first, from gsi1 (eventually consistent, as every GSI read). */
    public QueryRequest userQuery(String userId) {
        return QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression(Keys.GSI1_PK + " = :user AND begins_with(" + Keys.GSI1_SK + ", :orders)")
                .expressionAttributeValues(Map.of(":user", s(Keys.user(userId)), ":orders", s(GSI1_PREFIX)))
                .scanIndexForward(false)
                .build();
    }

    public static PlacedOrder orderOf(Map<String, AttributeValue> item) {
        String name = str(item, BUYER_NAME);
        List<OrderLine> lines = item.get(LINES).l().stream().map(AttributeValue::m)
                .map(line -> new OrderLine(str(line, TICKET_ID), str(line, SEAT_ID), integer(line, ROW),
                        integer(line, SEAT), new BigDecimal(str(line, PRICE))))
                .toList();
        return new PlacedOrder(str(item, CODE), str(item, EVENT_ID), str(item, USER_ID), str(item, HOLD_ID),
                str(item, PAYMENT_ID), name == null ? null : new Buyer(name, str(item, BUYER_EMAIL)),
                new BigDecimal(str(item, TOTAL)), str(item, CURRENCY), PaymentProvider.valueOf(str(item, PROVIDER)),
                Instants.parse(str(item, CREATED_AT)), lines);
    }
}
