package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.holds.allocation.EventAllocator;
import dev.ticketing.holds.allocation.items.AllocationLeaseItems;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 25: no function waits for the allocator. With the template's {@code BestAvailableWait} (0.1 s), a quantity
 * request whose event's allocator is busy elsewhere (here: its lease taken by a stalled allocator, as one that
 * vanished would leave it) answers {@code 202} with a {@code Location}; polling it answers 202 until the lease frees,
 * then the hold (201), or the refusal (409), the same each time; another user's poll is 404.
 */
class BestAvailableWaitIT {
    private static LocalSystem stack;
    private static Api api;
    private static Table table;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSystem.start(TestStack.options().withParameter("BestAvailableWait", "PT0.1S"));
        api = new Api(stack);
        table = new Table(stack.dynamoDb(), new TicketingConfig(stack.ref("Table"), Duration.ofMinutes(10), 10, 1));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aRequestTheAllocatorCannotServeYetAnswers202AndItsLocationThenAnswersTheHold() {
        String event = api.createEvent(6, 10);
        String alice = api.newUser("alice");
        stallAllocator(event);

        Api.Response accepted = api.post("/events/" + event + "/holds", alice, Map.of("quantity", 2, "together", true));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/events/" + event + "/holds/requests/");
        assertThat(accepted.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(location).endsWith(accepted.json().get("requestId").asText());
        assertThat(api.get(location, api.newUser("mallory")).status()).isEqualTo(404);

        Api.Response held = followed(location, alice);
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        String holdId = held.json().get("id").asText();
        assertThat(held.headers().firstValue("Location")).contains("/holds/" + holdId);
        assertThat(seatIds(held.json())).containsExactly("2-5", "2-6");
        assertThat(api.get("/holds/" + holdId, alice).status()).isEqualTo(200);

        Api.Response again = api.get(location, alice);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isEqualTo(holdId);
        assertThat(api.get(location, api.newUser("mallory")).status()).isEqualTo(404);
    }

    @Test
    void aRefusedRequestPollsToItsProblemEachTime() {
        String event = api.createEvent(1, 3);
        api.hold(event, api.newUser("first"), "1-2");
        String bob = api.newUser("bob");
        stallAllocator(event);

        Api.Response accepted = api.post("/events/" + event + "/holds", bob, Map.of("quantity", 2, "together", true));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();

        Api.Response refused = followed(location, bob);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("not-enough-seats");
        Api.Response again = api.get(location, bob);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).endsWith("not-enough-seats");
    }

    /**
     * The template's wait on a rush: no API request waits for the allocator (AllocatorFunction places the queue), and
     * every buyer who follows their 202 gets a pair; no seat twice, none left alone.
     */
    @Test
    void withTheTemplatesWaitEveryBuyerOfARushWhoFollowsTheir202GetsAPair() throws Exception {
        String event = api.createEvent(4, 16);

        List<Api.Response> answers = Rush.of(api, 32, buyer -> Map.of("quantity", 2, "together", true), event);

        java.util.Set<String> held = new java.util.HashSet<>();
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            Rush.seatIds(answer.json()).forEach(seat -> assertThat(held.add(seat)).as("seat %s held twice", seat).isTrue());
        }
        List<String> map = api.compactRows(event);
        assertThat(map).allSatisfy(row -> assertThat(row).matches("R+"));
        assertThat(Rush.loneSeats(map)).isEmpty();
    }

    @Test
    void anUnknownOrMalformedRequestIdIs404() {
        String event = api.createEvent(1, 3);
        String carol = api.newUser("carol");
        assertThat(api.get("/events/" + event + "/holds/requests/" + System.currentTimeMillis() + "-nobody", carol)
                .status()).isEqualTo(404);
        assertThat(api.get("/events/" + event + "/holds/requests/not-a-request", carol).status()).isEqualTo(404);
    }

    /** Another allocator holds the event's lease, as one that stalled or vanished would: for {@code LEASE} (2 s). */
    private static void stallAllocator(String event) {
        assertThat(table.writeAlone(new AllocationLeaseItems(table)
                .take(event, "stalled-allocator", Instant.now(), EventAllocator.LEASE))).isTrue();
    }

    /** Polls a 202's Location, as the buyer page does, until it answers something else. */
    private static Api.Response followed(String location, String token) {
        AtomicReference<Api.Response> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(api.get(location, token));
            return last.get().status() != 202;
        });
        return last.get();
    }

    private static List<String> seatIds(JsonNode hold) {
        List<String> ids = new ArrayList<>();
        hold.get("seats").forEach(seat -> ids.add(seat.get("id").asText()));
        return ids;
    }
}
