package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Against hoarding: one open hold per user and event, enforced by the database even under concurrency. */
class HoldLimitsIT {
    private final Api api = TestStack.api();

    @Test
    void aUserHasOneOpenHoldPerEventUntilItIsReleasedOrExpires() {
        String event = api.createEvent(3, 5);
        String other = api.createEvent(2, 2);
        String alice = api.newUser("alice");
        String first = api.hold(event, alice, "1-1").json().get("id").asText();

        Api.Response second = api.hold(event, alice, "2-2");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).isEqualTo("application/problem+json");
        assertThat(second.json().get("activeHoldIds").get(0).asText()).isEqualTo(first);
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "AVAILABLE");
        assertThat(api.hold(other, alice, "1-1").status()).as("another event is fine").isEqualTo(201);

        api.delete("/holds/" + first, alice);
        String third = api.hold(event, alice, "2-2").json().get("id").asText();

        TestStack.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(api.hold(event, alice, "3-3").status()).as("after %s expired", third).isEqualTo(201);
    }

    @Test
    void concurrentHoldsOfOneUserGetOneHold() throws Exception {
        String event = api.createEvent(2, 10);
        String alice = api.newUser("alice");
        int attempts = 10;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Integer> statuses = new ArrayList<>();
        try {
            CyclicBarrier start = new CyclicBarrier(attempts);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 1; i <= attempts; i++) {
                String seat = "1-" + i;
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return api.hold(event, alice, seat);
                }));
            }
            for (Future<Api.Response> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).status());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(attempts - 1);
        assertThat(api.seatStatuses(event, alice).values()).filteredOn("RESERVED"::equals).hasSize(1);
    }
}
