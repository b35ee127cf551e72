package dev.ticketing.tickets.items;

import dev.ticketing.input.Instants;
import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How a ticket is stored, and every write to it. A ticket lives in its hold's partition ({@code HOLD#<holdId>} /
 * {@code TICKET#<ticketId>}) so one query reads a whole purchase session, and in gsi1 under {@code USER#<userId>}
 * / {@code TICKET#<created>#<id>} for "my tickets". Its life: PENDING when the hold is made, linked to a payment
 * ({@code payment_id}) when checkout starts, then PAID by the sale or CANCELLED when the hold ends unpaid.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class TicketItems {
    /** Sort-key prefix of ticket items in a hold's partition and in gsi1. */
    public static final String PREFIX = "TICKET#";
    private static final String STATUS = "status";
    private static final String ID = "id";
    private static final String HOLD_ID = "hold_id";
    private static final String EVENT_ID = "event_id";
    private static final String USER_ID = "user_id";
    private static final String SEAT_ID = "seat_id";
    private static final String ROW = "row";
    private static final String COLUMN = "col";
    private static final String PAYMENT_ID = "payment_id";
    private static final String PAID_AT = "paid_at";
    private static final String PRICE = "price";

    private final Table table;

    public TicketItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String holdId, String ticketId) {
        return Map.of(Keys.PK, s(Keys.hold(holdId)), Keys.SK, s(PREFIX + ticketId));
    }

    /** Whether an item of a hold's partition is a ticket. */
    public static boolean isTicket(Map<String, AttributeValue> item) {
        return str(item, Keys.SK).startsWith(PREFIX);
    }

    /**
     * Create: a new ticket as it is (PENDING; or PAID for a comp, paid at {@code createdAt}), made at
     * {@code createdAt}; fails if the ticket id exists.
     */
    public TransactWriteItem create(Ticket ticket, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(ticket.holdId(), ticket.id()));
        item.put(Keys.GSI1_PK, s(Keys.user(ticket.userId())));
        item.put(Keys.GSI1_SK, s(PREFIX + createdAt + "#" + ticket.id()));
        item.put(ID, s(ticket.id()));
        item.put(HOLD_ID, s(ticket.holdId()));
        item.put(EVENT_ID, s(ticket.eventId()));
        item.put(USER_ID, s(ticket.userId()));
        item.put(SEAT_ID, s(ticket.seatId()));
        item.put(ROW, n(ticket.row()));
        item.put(COLUMN, n(ticket.column()));
        item.put(STATUS, s(ticket.status().name()));
        if (ticket.price() != null) {
            item.put(PRICE, s(ticket.price().toPlainString()));
        }
        if (ticket.status() == TicketStatus.PAID) {
            item.put(PAID_AT, s(createdAt.toString()));
        }
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Cancel: PENDING -> CANCELLED. */
    public TransactWriteItem cancel(String holdId, String ticketId) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :cancelled")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":cancelled", s(TicketStatus.CANCELLED.name()),
                        ":pending", s(TicketStatus.PENDING.name()))));
    }

    /** Cancel a paid ticket: PAID by this payment -> CANCELLED (its payment was refunded or reversed). */
    public TransactWriteItem cancelPaid(String holdId, String ticketId, String paymentId) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :cancelled")
                .conditionExpression("#status = :paid AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":cancelled", s(TicketStatus.CANCELLED.name()),
                        ":paid", s(TicketStatus.PAID.name()),
                        ":pid", s(paymentId))));
    }

    /** Link: a PENDING ticket is now being paid by this payment. */
    public TransactWriteItem link(String holdId, String ticketId, String paymentId) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET " + PAYMENT_ID + " = :pid")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":pid", s(paymentId), ":pending", s(TicketStatus.PENDING.name()))));
    }

    /** Pay: PENDING and linked to this payment -> PAID at {@code now}. */
    public TransactWriteItem pay(String holdId, String ticketId, String paymentId, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :paid, " + PAID_AT + " = :now")
                .conditionExpression("#status = :pending AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":paid", s(TicketStatus.PAID.name()),
                        ":pending", s(TicketStatus.PENDING.name()),
                        ":pid", s(paymentId),
                        ":now", s(Instants.text(now)))));
    }

    /** The user's tickets, newest first, from gsi1 (eventually consistent, as every GSI read). */
    public QueryRequest userQuery(String userId) {
        return QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression(Keys.GSI1_PK + " = :user AND begins_with(" + Keys.GSI1_SK + ", :tickets)")
                .expressionAttributeValues(Map.of(":user", s(Keys.user(userId)), ":tickets", s(PREFIX)))
                .scanIndexForward(false)
                .build();
    }

    public static Ticket ticketOf(Map<String, AttributeValue> item) {
        return new Ticket(str(item, ID), str(item, HOLD_ID), str(item, EVENT_ID), str(item, USER_ID),
                str(item, SEAT_ID), integer(item, ROW), integer(item, COLUMN),
                TicketStatus.valueOf(str(item, STATUS)), str(item, PAYMENT_ID),
                item.containsKey(PRICE) ? new BigDecimal(str(item, PRICE)) : null);
    }

    private static TransactWriteItem update(Update.Builder update) {
        return TransactWriteItem.builder().update(update.build()).build();
    }
}
