package dev.ticketing.events;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.store.Keys;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How an event is stored: {@code EVENT#<id>} / {@code META}, listed by date through gsi1 {@code EVENTS}. */
final class EventItems {
    static final String ALL_EVENTS = "EVENTS";

    private EventItems() {
    }

    static Map<String, AttributeValue> key(String eventId) {
        return Map.of(Keys.PK, s(Keys.event(eventId)), Keys.SK, s(Keys.META));
    }

    static Map<String, AttributeValue> toItem(Event event) {
        Map<String, AttributeValue> item = new HashMap<>(key(event.id()));
        item.put(Keys.GSI1_PK, s(ALL_EVENTS));
        item.put(Keys.GSI1_SK, s(event.date() + "#" + event.id()));
        item.put("id", s(event.id()));
        item.put("name", s(event.name()));
        item.put("date", s(event.date().toString()));
        item.put("rows", n(event.rows()));
        item.put("columns", n(event.columns()));
        item.put("currency", s(event.currency()));
        item.put("rows_per_block", n(event.rowsPerBlock()));
        item.put("prices", AttributeValue.fromL(event.prices().stream()
                .map(tier -> AttributeValue.fromM(Map.of(
                        "fromRow", n(tier.fromRow()),
                        "toRow", n(tier.toRow()),
                        "price", s(tier.price().toPlainString()))))
                .toList()));
        return item;
    }

    static Event fromItem(Map<String, AttributeValue> item) {
        List<PriceTier> prices = item.get("prices").l().stream()
                .map(AttributeValue::m)
                .map(tier -> new PriceTier(integer(tier, "fromRow"), integer(tier, "toRow"),
                        new BigDecimal(str(tier, "price"))))
                .toList();
        return new Event(str(item, "id"), str(item, "name"), Instant.parse(str(item, "date")),
                integer(item, "rows"), integer(item, "columns"), str(item, "currency"), prices,
                integer(item, "rows_per_block"));
    }
}
