package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holding and releasing seats over HTTP against the local stack (real SDK, DynamoDB Local). */
class HoldsIT {
    private final Api api = TestStack.api();

    @Test
    void aHoldReservesTheSeatsWithOnePendingTicketPerSeat() {
        String event = api.createEvent(5, 8);
        String alice = api.newUser("alice");

        Api.Response held = api.hold(event, alice, "3-4", "3-5");

        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        JsonNode hold = held.json();
        assertThat(hold.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(hold.get("amount").asText()).isEqualTo("40.00");
        assertThat(hold.get("currency").asText()).isEqualTo("EUR");
        assertThat(ids(hold.get("seats"), "id")).containsExactly("3-4", "3-5");
        assertThat(hold.get("tickets")).hasSize(2);
        hold.get("tickets").forEach(ticket -> assertThat(ticket.get("status").asText()).isEqualTo("PENDING"));
        assertThat(ids(hold.get("tickets"), "seatId")).containsExactly("3-4", "3-5");
        Instant expires = Instant.parse(hold.get("expiresAt").asText());
        assertThat(Duration.between(Instant.parse(hold.get("createdAt").asText()), expires)).isEqualTo(Duration.ofMinutes(10));

        JsonNode again = api.get("/holds/" + hold.get("id").asText(), alice).json();
        assertThat(again.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(again.get("tickets")).hasSize(2);
    }

    @Test
    void aHeldSeatReadsReservedForEveryoneElse() {
        String event = api.createEvent(4, 6);
        api.hold(event, api.newUser("alice"), "2-2");

        var seenByBob = api.seatStatuses(event, api.newUser("bob"));

        assertThat(seenByBob).containsEntry("2-2", "RESERVED").containsEntry("2-3", "AVAILABLE");
        assertThat(seenByBob.values()).filteredOn("RESERVED"::equals).hasSize(1);
    }

    @Test
    void anOverlappingHoldIsRefusedNamingTheTakenSeatsAndHoldsNothing() {
        String event = api.createEvent(4, 6);
        api.hold(event, api.newUser("alice"), "1-2", "1-3");
        String bob = api.newUser("bob");

        Api.Response refused = api.hold(event, bob, "1-3", "1-4", "1-2");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(ids(refused.json().get("unavailableSeats"), null)).containsExactlyInAnyOrder("1-2", "1-3");
        assertThat(api.seatStatuses(event, bob)).containsEntry("1-4", "AVAILABLE");
        assertThat(api.hold(event, bob, "1-4").status()).isEqualTo(201);
    }

    @Test
    void releasingAHoldReturnsItsSeatsAtOnceAndCancelsItsTickets() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = api.hold(event, alice, "4-1", "4-2").json().get("id").asText();

        Api.Response released = api.delete("/holds/" + holdId, alice);

        assertThat(released.status()).isEqualTo(204);
        String bob = api.newUser("bob");
        assertThat(api.seatStatuses(event, bob)).containsEntry("4-1", "AVAILABLE").containsEntry("4-2", "AVAILABLE");
        JsonNode hold = api.get("/holds/" + holdId, alice).json();
        assertThat(hold.get("status").asText()).isEqualTo("RELEASED");
        hold.get("tickets").forEach(ticket -> assertThat(ticket.get("status").asText()).isEqualTo("CANCELLED"));
        assertThat(api.hold(event, bob, "4-1", "4-2").status()).isEqualTo(201);
        assertThat(api.delete("/holds/" + holdId, alice).status()).as("releasing again changes nothing").isEqualTo(204);
        assertThat(api.seatStatuses(event, bob)).containsEntry("4-1", "RESERVED");
    }

    @Test
    void anExpiredHoldIsAvailableToOthersTheInstantItExpires() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        String holdId = api.hold(event, alice, "2-2").json().get("id").asText();
        String bob = api.newUser("bob");
        assertThat(api.hold(event, bob, "2-2").status()).isEqualTo(409);

        TestStack.clock().advance(Duration.ofMinutes(10).plusMillis(1));

        assertThat(api.seatStatuses(event, bob)).containsEntry("2-2", "AVAILABLE");
        assertThat(api.get("/holds/" + holdId, alice).json().get("status").asText()).isEqualTo("EXPIRED");
        Api.Response bobs = api.hold(event, bob, "2-2");
        assertThat(bobs.status()).as(bobs.toString()).isEqualTo(201);
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "RESERVED");
    }

    @Test
    void releasingAnExpiredHoldLeavesASeatSomeoneElseHasSinceTaken() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        String holdId = api.hold(event, alice, "1-1", "1-2").json().get("id").asText();
        TestStack.clock().advance(Duration.ofMinutes(11));
        String bob = api.newUser("bob");
        assertThat(api.hold(event, bob, "1-1").status()).isEqualTo(201);

        assertThat(api.delete("/holds/" + holdId, alice).status()).isEqualTo(204);

        assertThat(api.get("/holds/" + holdId, alice).json().get("status").asText()).isEqualTo("EXPIRED");
        var seats = api.seatStatuses(event, bob);
        assertThat(seats).containsEntry("1-1", "RESERVED").containsEntry("1-2", "AVAILABLE");
        assertThat(api.hold(event, api.newUser("carol"), "1-1").status()).as("bob keeps 1-1").isEqualTo(409);
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(field == null ? node.asText() : node.get(field).asText()));
        return ids;
    }
}
