package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A retried POST with the same Idempotency-Key answers the first hold instead of holding again. */
class IdempotentHoldsIT {
    private final Api api = TestStack.api();

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstHold() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        Map<String, Object> body = Map.of("quantity", 2, "together", true);

        Api.Response first = hold(event, alice, body, "retry-1");
        Api.Response retry = hold(event, alice, body, "retry-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(api.seatStatuses(event, alice).values()).filteredOn("RESERVED"::equals).hasSize(2);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        hold(event, alice, Map.of("seats", List.of("1-1")), "k");

        Api.Response other = hold(event, alice, Map.of("seats", List.of("2-2")), "k");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).isEqualTo("application/problem+json");
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "AVAILABLE");
        assertThat(hold(event, alice, Map.of("seats", List.of("1-1")), "k".repeat(129)).status()).isEqualTo(400);
    }

    @Test
    void concurrentRetriesWithOneKeyAllAnswerTheSameHold() throws Exception {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        int retries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(retries);
        Set<String> holdIds = new HashSet<>();
        try {
            CyclicBarrier start = new CyclicBarrier(retries);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < retries; i++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return hold(event, alice, Map.of("seats", List.of("2-1", "2-2")), "storm");
                }));
            }
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                holdIds.add(response.json().get("id").asText());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(holdIds).hasSize(1);
    }

    private Api.Response hold(String event, String token, Object body, String key) {
        return api.send("POST", "/events/" + event + "/holds", token, body, Map.of("Idempotency-Key", key));
    }
}
