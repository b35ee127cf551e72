package dev.ticketing.holds;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.num;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.store.Keys;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a hold is stored: one partition {@code HOLD#<id>} holding the hold ({@code META}), its tickets
 * ({@code TICKET#<id>}) and, while ACTIVE, its lease ({@code LEASE}, the item DynamoDB TTL deletes).
 * One strongly consistent query reads the whole purchase session.
 */
public final class HoldItems {
    public static final String STATUS = "status";
    public static final String TICKET_PREFIX = "TICKET#";

    private HoldItems() {
    }

    public static Map<String, AttributeValue> metaKey(String holdId) {
        return Map.of(Keys.PK, s(Keys.hold(holdId)), Keys.SK, s(Keys.META));
    }

    public static Map<String, AttributeValue> leaseKey(String holdId) {
        return Map.of(Keys.PK, s(Keys.hold(holdId)), Keys.SK, s(Keys.LEASE));
    }

    public static Map<String, AttributeValue> ticketKey(String holdId, String ticketId) {
        return Map.of(Keys.PK, s(Keys.hold(holdId)), Keys.SK, s(Keys.ticket(ticketId)));
    }

    static Map<String, AttributeValue> meta(Hold hold) {
        Map<String, AttributeValue> item = new HashMap<>(metaKey(hold.id()));
        item.put(Keys.GSI1_PK, s(Keys.user(hold.userId())));
        item.put(Keys.GSI1_SK, s("HOLD#" + hold.createdAt() + "#" + hold.id()));
        item.put("id", s(hold.id()));
        item.put("event_id", s(hold.eventId()));
        item.put("user_id", s(hold.userId()));
        item.put(STATUS, s(hold.status().name()));
        item.put("amount", s(hold.amount().toPlainString()));
        item.put("currency", s(hold.currency()));
        item.put("created_at", s(hold.createdAt().toString()));
        item.put("expires_at", n(hold.expiresAt().toEpochMilli()));
        if (hold.status() == HoldStatus.ACTIVE) {
            // in the sparse expiry index (with expires_at as its range key) while ACTIVE: see ExpiryIndex
            item.put(ExpiryIndex.SHARD, s(ExpiryIndex.shardOf(hold.id())));
        }
        item.put("seats", AttributeValue.fromL(hold.seats().stream()
                .map(seat -> AttributeValue.fromM(Map.of(
                        "id", s(seat.id()), "row", n(seat.row()), "col", n(seat.column()),
                        "price", s(seat.price().toPlainString()))))
                .toList()));
        return item;
    }

    static Map<String, AttributeValue> lease(Hold hold) {
        Map<String, AttributeValue> item = new HashMap<>(leaseKey(hold.id()));
        item.put("event_id", s(hold.eventId()));
        item.put("user_id", s(hold.userId()));
        item.put("expires_at", n(hold.expiresAt().toEpochMilli()));
        // TTL works in whole seconds; round up so the lease never disappears before the hold has ended.
        item.put(Keys.TTL, n((hold.expiresAt().toEpochMilli() + 999) / 1000));
        return item;
    }

    static Map<String, AttributeValue> ticket(Ticket ticket, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(ticketKey(ticket.holdId(), ticket.id()));
        item.put(Keys.GSI1_PK, s(Keys.user(ticket.userId())));
        item.put(Keys.GSI1_SK, s("TICKET#" + createdAt + "#" + ticket.id()));
        item.put("id", s(ticket.id()));
        item.put("hold_id", s(ticket.holdId()));
        item.put("event_id", s(ticket.eventId()));
        item.put("user_id", s(ticket.userId()));
        item.put("seat_id", s(ticket.seatId()));
        item.put("row", n(ticket.row()));
        item.put("col", n(ticket.column()));
        item.put(STATUS, s(ticket.status().name()));
        return item;
    }

    static Ticket ticketOf(Map<String, AttributeValue> item) {
        return new Ticket(str(item, "id"), str(item, "hold_id"), str(item, "event_id"), str(item, "user_id"),
                str(item, "seat_id"), integer(item, "row"), integer(item, "col"),
                TicketStatus.valueOf(str(item, STATUS)), str(item, "payment_id"));
    }

    /** The hold from all items of its partition; {@code now} decides whether an ACTIVE hold has expired. */
    static StoredHold holdOf(Map<String, AttributeValue> meta, List<Map<String, AttributeValue>> ticketItems, Instant now) {
        List<HeldSeat> seats = meta.get("seats").l().stream()
                .map(AttributeValue::m)
                .map(seat -> new HeldSeat(str(seat, "id"), integer(seat, "row"), integer(seat, "col"),
                        new BigDecimal(str(seat, "price"))))
                .toList();
        List<Ticket> tickets = new ArrayList<>();
        for (Map<String, AttributeValue> item : ticketItems) {
            tickets.add(ticketOf(item));
        }
        tickets.sort(java.util.Comparator.comparing(Ticket::row).thenComparing(Ticket::column));
        Instant expiresAt = Instant.ofEpochMilli(num(meta, "expires_at"));
        HoldStatus stored = HoldStatus.valueOf(str(meta, STATUS));
        Hold hold = new Hold(str(meta, "id"), str(meta, "event_id"), str(meta, "user_id"),
                Hold.visibleStatus(stored, expiresAt, now), seats, tickets, new BigDecimal(str(meta, "amount")),
                str(meta, "currency"), Instant.parse(str(meta, "created_at")), expiresAt);
        return new StoredHold(hold, stored, str(meta, StoredHold.PAYMENT_ID));
    }
}
