package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /me/holds}: a page opened in another tab finds the user's open holds, and only theirs. */
class MyHoldsIT {
    private final Api api = TestStack.api();
    private final PaymentsApi payments = TestStack.payments();

    @Test
    void theCallersOpenHoldsAreListedNewestFirstAndFilteredByEvent() {
        String concert = api.createEvent(3, 4);
        String play = api.createEvent(3, 4);
        String alice = api.newUser("alice");
        String atTheConcert = payments.hold(concert, alice, "2-1", "2-2");
        // a moment later: holds are ordered by when they were made, to the millisecond the table keeps
        TestStack.clock().advance(java.time.Duration.ofMillis(1));
        String atThePlay = payments.hold(play, alice, "1-1");

        JsonNode all = api.get("/me/holds", alice).json().get("holds");
        assertThat(ids(all)).containsExactly(atThePlay, atTheConcert);

        JsonNode concertOnly = api.get("/me/holds?eventId=" + concert, alice).json().get("holds");
        assertThat(ids(concertOnly)).containsExactly(atTheConcert);
        JsonNode hold = concertOnly.get(0);
        assertThat(hold.get("eventId").asText()).isEqualTo(concert);
        assertThat(hold.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(hold.get("amount").asText()).isEqualTo("100.00");
        assertThat(hold.get("expiresAt").asText()).isNotBlank();
        assertThat(hold.get("seats")).extracting(seat -> seat.get("id").asText()).containsExactly("2-1", "2-2");
        assertThat(hold.has("paymentId")).as("no payment in flight").isFalse();
    }

    @Test
    void aHoldWithAPaymentUnderWayNamesThePaymentAndAnEndedHoldIsNoLongerListed() {
        String event = api.createEvent(3, 4);
        String bob = api.newUser("bob");
        String held = payments.hold(event, bob, "3-3");
        String paymentId = payments.startPayPal(held, bob).get("id").asText();

        JsonNode open = api.get("/me/holds?eventId=" + event, bob).json().get("holds");
        assertThat(ids(open)).containsExactly(held);
        assertThat(open.get(0).get("paymentId").asText()).isEqualTo(paymentId);

        assertThat(api.post("/payments/" + paymentId + "/cancel", bob, "").status()).isEqualTo(200);
        assertThat(api.delete("/holds/" + held, bob).status()).isEqualTo(204);
        assertThat(api.get("/me/holds?eventId=" + event, bob).json().get("holds")).isEmpty();
    }

    @Test
    void anotherUsersHoldsAreNeverListedAndATokenIsRequired() {
        String event = api.createEvent(3, 4);
        payments.hold(event, api.newUser("carol"), "1-4");

        assertThat(api.get("/me/holds?eventId=" + event, api.newUser("mallory")).json().get("holds")).isEmpty();
        Api.Response anonymous = api.get("/me/holds?eventId=" + event, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
    }

    private static List<String> ids(JsonNode holds) {
        List<String> ids = new ArrayList<>();
        holds.forEach(hold -> ids.add(hold.get("id").asText()));
        return ids;
    }
}
