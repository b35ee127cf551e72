package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.input.Instants;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seats are sold only within the event's sales window: holds and payments outside it get 409 sales-closed. */
class SalesWindowIT {
    private final Api api = TestStack.api();

    @Test
    void anEventInThePastCannotBeCreated() {
        Api.Response refused = api.post("/events", api.admin(), Map.of("name", "Odyssey", "date", "2001-04-01T20:00:00Z",
                "rows", 2, "columns", 2, "currency", "EUR",
                "prices", java.util.List.of(Map.of("fromRow", 1, "toRow", 2, "price", "10.00"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("in the past");
    }

    @Test
    void beforeSalesOpenNothingCanBeHeldAndTheSeatMapSaysSo() {
        // a request names instants to the millisecond at most (the clock's have microseconds)
        Instant opens = TestStack.clock().instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        String event = api.createEvent(2, 4, Map.of("salesStart", opens.toString()));
        String alice = api.newUser("alice");

        Api.Response byId = api.hold(event, alice, "1-1");
        Api.Response together = api.post("/events/" + event + "/holds", alice, Map.of("quantity", 2, "together", true));

        for (Api.Response refused : java.util.List.of(byId, together)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().get("type").asText()).endsWith("sales-closed");
            assertThat(Instant.parse(refused.json().get("salesStart").asText())).isEqualTo(opens);
            assertThat(refused.json().get("salesEnd").asText()).isEqualTo("2027-03-01T20:00:00.000Z");
        }
        Api.Response map = api.get("/events/" + event + "/seats?format=compact", alice);
        assertThat(map.json().get("salesOpen").asBoolean()).isFalse();
        assertThat(api.get("/events/" + event, alice).json().get("salesStart").asText())
                .isEqualTo(Instants.text(opens)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void aHoldMadeInTheWindowCannotBePaidOnceTheWindowHasClosed() {
        PaymentsApi payments = TestStack.payments();
        Instant closes = TestStack.clock().instant().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        String event = api.createEvent(2, 4, Map.of("salesEnd", closes.toString()));
        String alice = api.newUser("alice");
        String hold = api.hold(event, alice, "1-1").json().get("id").asText();
        assertThat(api.get("/events/" + event + "/seats", alice).json().get("salesOpen").asBoolean()).isTrue();

        TestStack.clock().advance(Duration.ofMinutes(5).plusSeconds(1));
        Api.Response refused = api.post("/holds/" + hold + "/payments", alice, PaymentsApi.checkout("PAYPAL"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("sales-closed");
        assertThat(Instant.parse(refused.json().get("salesEnd").asText())).isEqualTo(closes);
        assertThat(payments).isNotNull();
    }
}
