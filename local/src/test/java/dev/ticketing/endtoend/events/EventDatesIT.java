package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.store.Keys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Dates are stored in one canonical form (UTC, milliseconds: {@code 2027-02-14T10:00:00.000Z}), so the event list,
 * sorted by that text in its index, is in time order; answers show the same form; items stored in an older form
 * still read.
 */
class EventDatesIT {
    private final Api api = TestStack.api();
    private final LocalSystem stack = TestStack.get();

    @Test
    void eventsWithinTheSameSecondListInTimeOrder() {
        String second = uniqueSecond();
        // created latest first, so creation order cannot pass for time order
        String half = create(second + ".500Z");
        String fifty = create(second + ".050Z");
        String whole = create(second + "Z");

        List<String> listed = api.allEvents(null).stream().map(event -> event.get("id").asText())
                .filter(Set.of(whole, fifty, half)::contains).toList();

        assertThat(listed).containsExactly(whole, fifty, half);
        assertThat(api.get("/events/" + whole, null).json().get("date").asText()).isEqualTo(second + ".000Z");
        Map<String, AttributeValue> stored = item(whole);
        assertThat(stored.get("date").s()).isEqualTo(second + ".000Z");
        assertThat(stored.get(Keys.GSI1_SK).s()).isEqualTo(second + ".000Z#" + whole);
        assertThat(item(fifty).get("date").s()).isEqualTo(second + ".050Z");
    }

    @Test
    void aDateGivenWithAnOffsetIsStoredAndShownInUtcWithMilliseconds() {
        String id = api.createEvent(1, 1, Map.of("date", "2027-02-14T21:30:00+01:00",
                "salesStart", "2026-01-01T00:00:00.5+00:00"));

        JsonNode event = api.get("/events/" + id, null).json();

        assertThat(event.get("date").asText()).isEqualTo("2027-02-14T20:30:00.000Z");
        assertThat(event.get("salesStart").asText()).isEqualTo("2026-01-01T00:00:00.500Z");
        assertThat(item(id).get("sales_start").s()).isEqualTo("2026-01-01T00:00:00.500Z");
        assertThat(item(id).get("sales_end").s()).isEqualTo("2027-02-14T20:30:00.000Z");
    }

    /**
     * An event has the time zone of where it happens (an IANA region id), which the page and the tickets show its date
     * in; without one, the stack's EVENT_TIME_ZONE. An organiser may correct it; anything else is a 400.
     */
    @Test
    void anEventKeepsItsTimeZoneAndAnOrganiserMayCorrectIt() {
        String id = api.createEvent(1, 1, Map.of("timeZone", "America/New_York"));
        assertThat(api.get("/events/" + id, null).json().get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(item(id).get("time_zone").s()).isEqualTo("America/New_York");

        Api.Response corrected = api.send("PATCH", "/events/" + id, api.admin(), Map.of("timeZone", "Europe/Rome"),
                Map.of());
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(api.get("/events/" + id, null).json().get("timeZone").asText()).isEqualTo("Europe/Rome");

        for (String wrong : List.of("+02:00", "Mars/Olympus_Mons", "CET ", "")) {
            Api.Response refused = api.send("PATCH", "/events/" + id, api.admin(), Map.of("timeZone", wrong), Map.of());
            assertThat(refused.status()).as(wrong).isEqualTo(400);
            assertThat(refused.json().get("detail").asText()).contains("timeZone");
        }
        assertThat(api.get("/events/" + id, null).json().get("timeZone").asText()).isEqualTo("Europe/Rome");
        assertThat(api.post("/events", api.admin(), Map.of("name", "Nowhere", "date", "2027-03-01T20:00:00Z", "rows", 1,
                "columns", 1, "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 1, "price", "5.00")),
                "timeZone", "Europe/Nowhere")).status()).isEqualTo(400);
        String plain = api.createEvent(1, 1);
        assertThat(api.get("/events/" + plain, null).json().path("timeZone").isMissingNode()
                || api.get("/events/" + plain, null).json().get("timeZone").isNull()).as("none of its own").isTrue();
    }

    @Test
    void aDateMorePreciseThanAMillisecondIsRefusedAndNothingIsStored() {
        String second = uniqueSecond();
        int before = api.allEvents(null).size();
        for (String tooFine : new String[]{second + ".0001Z", second + ".123456789Z"}) {
            Api.Response refused = api.post("/events", api.admin(), Map.of("name", "Too fine", "date", tooFine,
                    "rows", 1, "columns", 1, "currency", "EUR",
                    "prices", List.of(Map.of("fromRow", 1, "toRow", 1, "price", "1.00"))));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("date must not be more precise than milliseconds");
        }
        assertThat(api.allEvents(null).size()).isEqualTo(before);
    }

    @Test
    void anEventStoredInTheOldFormStillReads() {
        String id = api.createEvent(1, 1, Map.of("date", "2027-05-01T18:00:00.123Z"));
        // as written before the canonical form: Instant.toString()'s text, any precision
        stack.dynamoDb().updateItem(update -> update.tableName(stack.ref("Table")).key(key(id))
                .updateExpression("SET #date = :date, sales_start = :start")
                .expressionAttributeNames(Map.of("#date", "date"))
                .expressionAttributeValues(Map.of(":date", AttributeValue.fromS("2027-05-01T18:00:00.123456789Z"),
                        ":start", AttributeValue.fromS("2026-01-01T00:00Z"))));

        JsonNode event = api.get("/events/" + id, null).json();

        assertThat(event.get("date").asText()).isEqualTo("2027-05-01T18:00:00.123Z");
        assertThat(event.get("salesStart").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    }

    private String create(String date) {
        return api.createEvent(1, 1, Map.of("date", date));
    }

    /** A second no other test's event is likely to share: {@code 2028-..-..T..:..:..} without fraction or zone. */
    private static String uniqueSecond() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("2028-%02d-%02dT%02d:%02d:%02d", random.nextInt(1, 13), random.nextInt(1, 29),
                random.nextInt(24), random.nextInt(60), random.nextInt(60));
    }

    private Map<String, AttributeValue> item(String eventId) {
        return stack.dynamoDb().getItem(get -> get.tableName(stack.ref("Table")).key(key(eventId)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.event(eventId)), Keys.SK, AttributeValue.fromS(Keys.META));
    }
}
