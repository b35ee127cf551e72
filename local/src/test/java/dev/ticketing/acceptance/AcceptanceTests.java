package dev.ticketing.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The system's promises as a client sees them, over HTTP only (no database access, no local-only endpoint), so
 * they hold against any deployment: the embedded local stack, a stack deployed to AWS, or LocalStack. Each test
 * creates its own event; two users, {@code alice} and {@code bob}, and an admin are enough.
 */
abstract class AcceptanceTests {
    /** The API under test, with its token source. */
    protected abstract Api api();

    @Test
    void anAdminCreatesAnEventThatEveryoneCanListAndRead() {
        String event = api().createEvent(3, 4);
        String alice = api().newUser("alice");

        List<String> ids = new ArrayList<>();
        api().allEvents(alice).forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).contains(event);
        Api.Response read = api().get("/events/" + event, alice);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("rows").asInt()).isEqualTo(3);
        assertThat(read.json().get("columns").asInt()).isEqualTo(4);
    }

    @Test
    void aHeldSeatIsRefusedToAnotherUserUntilItsHoldIsReleased() {
        String event = api().createEvent(3, 4);
        String alice = api().newUser("alice");
        String bob = api().newUser("bob");

        Api.Response held = api().hold(event, alice, "2-1", "2-2");
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        String hold = held.json().get("id").asText();
        assertThat(api().seatStatuses(event, bob)).containsEntry("2-1", "RESERVED").containsEntry("2-2", "RESERVED");

        Api.Response refused = api().hold(event, bob, "2-2", "2-3");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("unavailableSeats").toString()).contains("2-2");
        assertThat(api().seatStatuses(event, bob)).as("nothing held for bob").containsEntry("2-3", "AVAILABLE");

        assertThat(api().delete("/holds/" + hold, alice).status()).isEqualTo(204);
        assertThat(api().seatStatuses(event, bob)).containsEntry("2-1", "AVAILABLE").containsEntry("2-2", "AVAILABLE");
        assertThat(api().hold(event, bob, "2-2", "2-3").status()).isEqualTo(201);
    }

    @Test
    void aHoldIsOnlyItsOwnersToSee() {
        String event = api().createEvent(2, 2);
        String alice = api().newUser("alice");
        String hold = api().hold(event, alice, "1-1").json().get("id").asText();

        Api.Response own = api().get("/holds/" + hold, alice);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(api().get("/holds/" + hold, api().newUser("bob")).status()).isEqualTo(404);
    }

    @Test
    void myTicketsListsAPendingTicketPerHeldSeat() {
        String event = api().createEvent(2, 3);
        String alice = api().newUser("alice");
        String hold = api().hold(event, alice, "1-2", "1-3").json().get("id").asText();

        Api.Response mine = api().get("/me/tickets", alice);
        assertThat(mine.status()).isEqualTo(200);
        List<String> seats = new ArrayList<>();
        for (JsonNode ticket : mine.json().get("tickets")) {
            if (hold.equals(ticket.get("holdId").asText())) {
                assertThat(ticket.get("status").asText()).isEqualTo("PENDING");
                seats.add(ticket.get("seatId").asText());
            }
        }
        assertThat(seats).containsExactlyInAnyOrder("1-2", "1-3");
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrongAndHoldsNothing() {
        String event = api().createEvent(2, 2);
        String alice = api().newUser("alice");

        Api.Response unknownSeat = api().post("/events/" + event + "/holds", alice, Map.of("seats", List.of("1-1", "9-9")));
        assertThat(unknownSeat.status()).as(unknownSeat.toString()).isEqualTo(400);
        assertThat(unknownSeat.contentType()).startsWith("application/problem+json");
        assertThat(unknownSeat.json().get("detail").asText()).contains("9-9");
        assertThat(api().seatStatuses(event, alice)).containsEntry("1-1", "AVAILABLE");

        Api.Response notJson = api().post("/events/" + event + "/holds", alice, "{not json");
        assertThat(notJson.status()).as(notJson.toString()).isEqualTo(400);
    }

    @Test
    void everyoneReadsEventsAndSeatMapsButOnlyAUserHoldsOrSeesTickets() {
        String event = api().createEvent(2, 2);

        assertThat(api().get("/events/" + event, null).status()).isEqualTo(200);
        assertThat(api().get("/events/" + event + "/seats", null).status()).isEqualTo(200);
        assertThat(api().post("/events/" + event + "/holds", null, Map.of("seats", List.of("1-1"))).status()).isEqualTo(401);
        assertThat(api().post("/events/" + event + "/holds", "not-a-token", Map.of("seats", List.of("1-1"))).status())
                .isEqualTo(401);
        assertThat(api().get("/me/tickets", null).status()).isEqualTo(401);
        assertThat(api().seatStatuses(event, null)).containsEntry("1-1", "AVAILABLE");
    }
}
