package dev.ticketing.seats;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.events.Event;
import dev.ticketing.store.Keys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a seat is stored: partition {@code SEATS#<eventId>#<block>} (a block is a few whole rows, so the writes
 * of one event spread over partitions and a seat map is a few parallel queries), sort key
 * {@code SEAT#<rrr>#<ccc>}.
 */
public final class SeatItems {
    public static final String STATUS = "status";
    public static final String HOLD_ID = "hold_id";
    public static final String EXPIRES_AT = "expires_at";

    private SeatItems() {
    }

    public static String partition(String eventId, int block) {
        return "SEATS#" + eventId + "#" + block;
    }

    public static String sortKey(SeatId seat) {
        return String.format("SEAT#%03d#%03d", seat.row(), seat.column());
    }

    public static Map<String, AttributeValue> key(Event event, SeatId seat) {
        return Map.of(Keys.PK, s(partition(event.id(), event.blockOf(seat.row()))), Keys.SK, s(sortKey(seat)));
    }

    public static Map<String, AttributeValue> newSeat(Event event, SeatId seat) {
        Map<String, AttributeValue> item = new HashMap<>(key(event, seat));
        item.put("event_id", s(event.id()));
        item.put("row", n(seat.row()));
        item.put("col", n(seat.column()));
        item.put("price", s(event.priceOf(seat.row()).toPlainString()));
        item.put(STATUS, s(SeatStatus.AVAILABLE.name()));
        return item;
    }

    public static SeatId seatId(Map<String, AttributeValue> item) {
        String sk = item.get(Keys.SK).s();
        return new SeatId(Integer.parseInt(sk.substring(5, 8)), Integer.parseInt(sk.substring(9, 12)));
    }
}
