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

/**
 * Against hoarding: one open hold per user and event, and two across all events at once, enforced by the database
 * even under concurrency; a hold that ends or expires stops counting at once.
 */
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

    /** Issue 25: one account held 10 seats in each of 8 events at once. Now 8 holds at once in 8 events get two. */
    @Test
    void oneAccountCannotHoldSeatsInEightEventsAtOnce() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(api.createEvent(1, 10));
        }
        String alice = api.newUser("alice");
        ExecutorService pool = Executors.newFixedThreadPool(events.size());
        List<Api.Response> answers = new ArrayList<>();
        try {
            CyclicBarrier start = new CyclicBarrier(events.size());
            List<Future<Api.Response>> pending = new ArrayList<>();
            for (String event : events) {
                pending.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return api.hold(event, alice, "1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-8", "1-9", "1-10");
                }));
            }
            for (Future<Api.Response> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> held = new ArrayList<>();
        List<String> refusedIn = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Api.Response answer = answers.get(i);
            if (answer.status() == 201) {
                held.add(answer.json().get("id").asText());
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
                assertThat(answer.json().get("type").asText()).endsWith("account-hold-limit");
                assertThat(answer.json().get("maxOpenHoldsPerUser").asInt()).isEqualTo(2);
                assertThat(api.seatStatuses(events.get(i), alice).values()).as("nothing held").containsOnly("AVAILABLE");
                refusedIn.add(events.get(i));
            }
        }
        assertThat(held).hasSize(2);
        Api.Response named = api.hold(refusedIn.get(0), alice, "1-1");
        assertThat(named.json().get("activeHoldIds")).as(named.toString()).hasSize(2);

        api.delete("/holds/" + held.get(0), alice);
        assertThat(api.hold(refusedIn.get(0), alice, "1-1").status()).as("a released hold stops counting").isEqualTo(201);
        assertThat(api.hold(refusedIn.get(1), alice, "1-1").status()).isEqualTo(409);

        TestStack.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(api.hold(refusedIn.get(1), alice, "1-1").status()).as("expired holds stop counting, no sweep needed")
                .isEqualTo(201);
        assertThat(api.hold(refusedIn.get(2), alice, "1-1").status()).isEqualTo(201);
        assertThat(api.hold(refusedIn.get(3), alice, "1-1").status()).isEqualTo(409);
    }
}
