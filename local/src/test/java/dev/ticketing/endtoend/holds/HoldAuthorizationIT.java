package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may do what: tokens are required, holds are private to their owner, only admins create events. */
class HoldAuthorizationIT {
    private final Api api = TestStack.api();

    @Test
    void aRequestWithoutAValidTokenIsUnauthorized() {
        String event = api.createEvent(2, 2);

        for (String token : new String[]{null, "not-a-jwt", api.newUser("alice") + "x"}) {
            Api.Response response = api.post("/events/" + event + "/holds", token, Map.of("seats", List.of("1-1")));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
        }
        assertThat(api.get("/me/tickets", null).status()).isEqualTo(401);
        assertThat(api.get("/me/holds", null).status()).isEqualTo(401);
        assertThat(api.seatStatuses(event, api.newUser("bob"))).containsEntry("1-1", "AVAILABLE");
    }

    @Test
    void anotherUsersHoldCannotBeSeenNorReleased() {
        String event = api.createEvent(2, 2);
        String alice = api.newUser("alice");
        String holdId = api.hold(event, alice, "1-1").json().get("id").asText();
        String mallory = api.newUser("mallory");

        assertThat(api.get("/holds/" + holdId, mallory).status()).isEqualTo(404);
        assertThat(api.delete("/holds/" + holdId, mallory).status()).isEqualTo(404);

        assertThat(api.get("/holds/" + holdId, alice).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(api.seatStatuses(event, mallory)).containsEntry("1-1", "RESERVED");
    }

    @Test
    void onlyAnAdminCreatesEvents() {
        Map<String, Object> event = Map.of("name", "Nope", "date", "2027-01-01T20:00:00Z", "rows", 1, "columns", 1,
                "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 1, "price", "1.00")));
        int before = api.allEvents(api.admin()).size();

        Api.Response refused = api.post("/events", api.newUser("alice"), event);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(api.allEvents(api.admin()).size()).isEqualTo(before);
        assertThat(api.post("/events", api.admin(), event).status()).isEqualTo(201);
    }
}
