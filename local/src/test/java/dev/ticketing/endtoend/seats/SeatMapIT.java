package dev.ticketing.endtoend.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The seat map: true within a second whoever changed it, cheap to poll, compact when asked. */
class SeatMapIT {
    private final Api api = TestStack.api();

    @Test
    void anUnchangedMapAnswers304AndAChangedOneANewVersion() {
        String event = api.createEvent(3, 4);
        String viewer = api.newUser("viewer");
        String path = "/events/" + event + "/seats";

        Api.Response first = api.get(path, viewer);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.json().get("version").asText()).isNotBlank();
        assertThat(api.send("GET", path, viewer, null, Map.of("If-None-Match", etag)).status()).isEqualTo(304);

        api.hold(event, api.newUser("alice"), "2-2");

        Api.Response changed = api.send("GET", path, viewer, null, Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void theCompactFormIsOneCharacterPerSeatWithRowPrices() {
        String event = api.createEvent(3, 4);
        api.hold(event, api.newUser("alice"), "1-2", "1-3");

        assertThat(api.compactRows(event)).containsExactly("ARRA", "AAAA", "AAAA");
        JsonNode compact = api.get("/events/" + event + "/seats?format=compact", api.newUser("bob")).json();

        assertThat(compact.get("rows")).hasSize(3);
        assertThat(compact.get("rows").get(0).get("seats").asText()).isEqualTo("ARRA");
        assertThat(compact.get("rows").get(0).get("price").asText()).isEqualTo("50.00");
        assertThat(compact.get("rows").get(2).get("seats").asText()).isEqualTo("AAAA");
        assertThat(compact.get("rows").get(2).get("price").asText()).isEqualTo("20.00");
    }

    @Test
    void aChangeMadeElsewhereIsVisibleToViewersWithinOneSecond() {
        String event = api.createEvent(2, 2);
        String viewer = api.newUser("viewer");
        assertThat(api.seatStatuses(event, viewer)).containsEntry("2-2", "AVAILABLE");

        // Another function instance (say, the payment processor) sells the seat: this instance's snapshot is stale.
        LocalSystem stack = TestStack.get();
        stack.dynamoDb().updateItem(b -> b.tableName(stack.ref("Table"))
                .key(Map.of("pk", AttributeValue.fromS("SEATS#" + event + "#0"), "sk", AttributeValue.fromS("SEAT#002#002")))
                .updateExpression("SET #s = :sold")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":sold", AttributeValue.fromS("SOLD"))));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> "SOLD".equals(api.seatStatuses(event, viewer).get("2-2")));
    }
}
