package dev.ticketing.endtoend.seats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reads that hold no personal data are public, so a visitor sees the events and the live map before signing
 * in: no token needed, and a bad one is not looked at. Everything else still needs a valid token.
 */
class PublicReadsIT {
    private final Api api = TestStack.api();

    @Test
    void theEventListComesAPageAtATime() {
        api.createEvent(1, 1);
        api.createEvent(1, 1);
        Api.Response first = api.get("/events?limit=1", null);
        assertThat(first.json().get("events")).hasSize(1);
        Api.Response second = api.get("/events?limit=1&cursor=" + first.json().get("next").asText(), null);
        assertThat(second.json().get("events")).hasSize(1);
        assertThat(second.json().get("events").get(0).get("id")).isNotEqualTo(first.json().get("events").get(0).get("id"));

        String alice = api.newUser("alice");
        api.hold(api.createEvent(1, 2), alice, "1-1", "1-2");
        String ticketsCursor = api.get("/me/tickets?limit=1", alice).json().get("next").asText();
        for (String query : List.of("limit=0", "limit=1000", "cursor=x", "cursor=" + ticketsCursor)) {
            Api.Response refused = api.get("/events?" + query, null);
            assertThat(refused.status()).as(query + " -> " + refused).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void theEventsAndTheSeatMapAreReadWithoutAToken() {
        String event = api.createEvent(2, 3);
        api.hold(event, api.newUser("alice"), "1-2");

        assertThat(api.get("/events", null).status()).isEqualTo(200);
        assertThat(api.allEvents(null))
                .anySatisfy(listed -> assertThat(listed.get("id").asText()).isEqualTo(event));
        assertThat(api.get("/events/" + event, null).json().get("rows").asInt()).isEqualTo(2);
        assertThat(api.compactRows(event).get(0)).isEqualTo("ARA");
        Api.Response compact = api.get("/events/" + event + "/seats?format=compact", null);
        assertThat(compact.status()).isEqualTo(200);
        assertThat(compact.json().get("rows").get(0).get("seats").asText()).isEqualTo("ARA");
        String etag = compact.headers().firstValue("ETag").orElseThrow();
        Api.Response unchanged = api.send("GET", "/events/" + event + "/seats?format=compact", null, null,
                Map.of("If-None-Match", etag));
        assertThat(unchanged.status()).isEqualTo(304);
        // a shared cache (CloudFront) and browsers may keep each public read for the freshness bound, 1 s
        for (Api.Response read : List.of(compact, unchanged, api.get("/events", null), api.get("/events/" + event, null),
                api.get("/events/" + event + "/seats", null))) {
            assertThat(read.headers().firstValue("Cache-Control")).as(read.toString()).hasValue("public, max-age=1");
        }
        assertThat(api.get("/events/" + event + "/seats?format=bogus", null).headers().firstValue("Cache-Control"))
                .as("an error is not for keeping").isEmpty();
        assertThat(api.get("/me/tickets", api.newUser("carol")).headers().firstValue("Cache-Control"))
                .as("a personal read is not public").isNotEqualTo(Optional.of("public, max-age=1"));
        assertThat(api.seatStatuses(event, null)).containsEntry("1-2", "RESERVED").containsEntry("1-1", "AVAILABLE");
        assertThat(api.get("/events/" + event, "not-a-jwt").status()).as("an unchecked token changes nothing").isEqualTo(200);
    }

    @Test
    void holdingCreatingEventsAndPersonalReadsStillNeedAToken() {
        String event = api.createEvent(2, 3);

        assertThat(api.post("/events/" + event + "/holds", null, Map.of("seats", List.of("1-1"))).status()).isEqualTo(401);
        assertThat(api.post("/events", null, Map.of("name", "x")).status()).isEqualTo(401);
        assertThat(api.get("/me/tickets", null).status()).isEqualTo(401);
        assertThat(api.get("/me/holds", null).status()).isEqualTo(401);
        assertThat(api.get("/payment-providers", null).status()).isEqualTo(401);
        assertThat(api.seatStatuses(event, null)).containsEntry("1-1", "AVAILABLE");
    }
}
