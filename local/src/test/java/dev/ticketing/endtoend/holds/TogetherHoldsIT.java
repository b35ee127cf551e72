package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** "N seats together": the system picks the best adjacent seats, and stays correct when many ask at once. */
class TogetherHoldsIT {
    private final Api api = TestStack.api();

    @Test
    void twoTogetherInAnEmptyHallGetsTheCentreOfThePreferredRow() {
        String event = api.createEvent(6, 10);

        Api.Response held = api.post("/events/" + event + "/holds", api.newUser("alice"),
                Map.of("quantity", 2, "together", true));

        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(seatIds(held.json())).containsExactly("2-5", "2-6");
        assertThat(held.json().get("seats").findValuesAsText("label")).containsExactly("Row 2, Seat 5", "Row 2, Seat 6");
    }

    @Test
    void withoutTogetherTheBestSeatsMayBeSplitButTogetherIsRefusedWhenNoPairIsLeft() {
        String event = api.createEvent(2, 3);
        api.hold(event, api.newUser("a"), "1-2");
        api.hold(event, api.newUser("b"), "2-2");
        String carol = api.newUser("carol");

        Api.Response together = api.post("/events/" + event + "/holds", carol, Map.of("quantity", 2, "together", true));
        assertThat(together.status()).isEqualTo(409);
        assertThat(together.contentType()).isEqualTo("application/problem+json");
        assertThat(together.json().get("detail").asText()).contains("2 adjacent seats");

        Api.Response split = api.post("/events/" + event + "/holds", carol, Map.of("quantity", 2));
        assertThat(split.status()).as(split.toString()).isEqualTo(201);
        assertThat(seatIds(split.json())).hasSize(2).doesNotContain("1-2", "2-2");
    }

    @Test
    void manyUsersAskingForTwoTogetherAtOnceEachGetTwoAdjacentSeatsAndNoSeatTwice() throws Exception {
        int users = 64;
        String event = api.createEvent(8, 10);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(api.newUser("pair" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Api.Response> answers = new ArrayList<>();
        try {
            CyclicBarrier start = new CyclicBarrier(users);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (String token : tokens) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return api.post("/events/" + event + "/holds", token, Map.of("quantity", 2, "together", true));
                }));
            }
            for (Future<Api.Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        // Those refused in the storm (their picks kept losing) ask again, one at a time.
        for (int i = 0; i < users; i++) {
            if (answers.get(i).status() == 409) {
                answers.set(i, api.post("/events/" + event + "/holds", tokens.get(i), Map.of("quantity", 2, "together", true)));
            }
        }
        Set<String> heldSeats = new HashSet<>();
        int granted = 0;
        for (Api.Response answer : answers) {
            if (answer.status() == 201) {
                granted++;
                List<String> seats = seatIds(answer.json());
                assertThat(seats).hasSize(2);
                String[] first = seats.get(0).split("-");
                String[] second = seats.get(1).split("-");
                assertThat(first[0]).as("same row").isEqualTo(second[0]);
                assertThat(Integer.parseInt(second[1]) - Integer.parseInt(first[1])).as("adjacent").isEqualTo(1);
                for (String seat : seats) {
                    assertThat(heldSeats.add(seat)).as("seat %s in two holds", seat).isTrue();
                }
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
            }
        }
        Map<String, String> map = api.seatStatuses(event, api.newUser("viewer"));
        assertThat(map.entrySet().stream().filter(seat -> seat.getValue().equals("RESERVED")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrderElementsOf(heldSeats);
        if (granted < users) {
            assertThat(map).as("someone was refused, so no two adjacent seats may be left free").allSatisfy((seat, status) -> {
                String[] place = seat.split("-");
                String right = place[0] + "-" + (Integer.parseInt(place[1]) + 1);
                assertThat(status.equals("AVAILABLE") && "AVAILABLE".equals(map.get(right))).as("%s and %s free", seat, right).isFalse();
            });
        }
    }

    private static List<String> seatIds(JsonNode hold) {
        List<String> ids = new ArrayList<>();
        hold.get("seats").forEach(seat -> ids.add(seat.get("id").asText()));
        return ids;
    }
}
