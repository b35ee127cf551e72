package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against hold cycling: a limit of holds per user, event and hour; an expired hold's tickets read CANCELLED at once. */
class HoldCyclingIT {
    private final Api api = TestStack.api();

    @Test
    void aUserMayCreateTwentyHoldsOfAnEventAnHourThen429() {
        String event = api.createEvent(3, 10);
        String other = api.createEvent(1, 2);
        String alice = api.newUser("alice");
        for (int i = 1; i <= 20; i++) {
            Api.Response held = api.hold(event, alice, "1-" + (1 + i % 10));
            assertThat(held.status()).as("hold %d: %s", i, held).isEqualTo(201);
            assertThat(api.delete("/holds/" + held.json().get("id").asText(), alice).status()).isEqualTo(204);
        }

        Api.Response refused = api.hold(event, alice, "2-2");
        Api.Response together = api.post("/events/" + event + "/holds", alice, Map.of("quantity", 2, "together", true));

        for (Api.Response answer : List.of(refused, together)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("type").asText()).endsWith("hold-rate-limit");
            assertThat(answer.json().get("maxHoldsPerUserPerHour").asInt()).isEqualTo(20);
        }
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "AVAILABLE");
        assertThat(api.hold(other, alice, "1-1").status()).as("another event").isEqualTo(201);
        assertThat(api.hold(event, api.newUser("bob"), "2-2").status()).as("another user").isEqualTo(201);
    }

    @Test
    void theMomentAHoldExpiresItsTicketsReadCancelledEverywhere() {
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        JsonNode hold = api.hold(event, alice, "1-1", "1-2").json();
        String holdId = hold.get("id").asText();
        assertThat(statuses(api.get("/holds/" + holdId, alice).json().get("tickets"))).containsOnly("PENDING");

        TestStack.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

        JsonNode expired = api.get("/holds/" + holdId, alice).json();
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(statuses(expired.get("tickets"))).containsExactly("CANCELLED", "CANCELLED");
        List<String> mine = new ArrayList<>();
        api.get("/me/tickets", alice).json().get("tickets").forEach(ticket -> {
            if (ticket.get("holdId").asText().equals(holdId)) {
                mine.add(ticket.get("status").asText());
            }
        });
        assertThat(mine).containsExactly("CANCELLED", "CANCELLED");
    }

    private static List<String> statuses(JsonNode tickets) {
        List<String> statuses = new ArrayList<>();
        tickets.forEach(ticket -> statuses.add(ticket.get("status").asText()));
        return statuses;
    }
}
