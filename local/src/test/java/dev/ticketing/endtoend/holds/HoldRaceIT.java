package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Many users at once, each asking for overlapping seats, round after round: the database must never let two
 * holds have the same seat, and every seat it shows as held must belong to exactly one hold that was granted.
 */
class HoldRaceIT {
    private static final int USERS = 64;
    private static final int ROUNDS = 12;
    private static final int COLUMNS = 10;

    private final Api api = TestStack.api();

    @Test
    void aSeatIsNeverHeldByTwoHoldsUnderContention() throws Exception {
        String event = api.createEvent(ROUNDS, COLUMNS);
        Map<String, List<String>> granted = new ConcurrentHashMap<>();
        int refused = 0;
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                int row = round;
                // Fresh users every round: a user may have only one open hold per event.
                List<String> users = new ArrayList<>();
                for (int i = 0; i < USERS; i++) {
                    users.add(api.newUser("racer" + round + "-" + i));
                }
                CyclicBarrier start = new CyclicBarrier(USERS);
                List<Future<Api.Response>> answers = new ArrayList<>();
                for (String user : users) {
                    answers.add(pool.submit(() -> {
                        int first = ThreadLocalRandom.current().nextInt(1, COLUMNS - 1);
                        start.await(10, TimeUnit.SECONDS);
                        return api.hold(event, user, row + "-" + first, row + "-" + (first + 1), row + "-" + (first + 2));
                    }));
                }
                for (Future<Api.Response> answer : answers) {
                    Api.Response response = answer.get(60, TimeUnit.SECONDS);
                    if (response.status() == 201) {
                        JsonNode hold = response.json();
                        List<String> seats = new ArrayList<>();
                        hold.get("seats").forEach(seat -> seats.add(seat.get("id").asText()));
                        granted.put(hold.get("id").asText(), seats);
                    } else {
                        assertThat(response.status()).as(response.toString()).isEqualTo(409);
                        assertThat(response.json().get("unavailableSeats")).isNotEmpty();
                        refused++;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, String> holderOfSeat = new HashMap<>();
        granted.forEach((hold, seats) -> seats.forEach(seat ->
                assertThat(holderOfSeat.put(seat, hold)).as("seat %s granted twice", seat).isNull()));
        assertThat(reservedSeatsInTheDatabase(event)).isEqualTo(holderOfSeat);
        assertThat(granted.size() + refused).isEqualTo(USERS * ROUNDS);
        assertThat(granted).as("every round someone wins").hasSizeGreaterThanOrEqualTo(ROUNDS);
    }

    /** Seat id -> hold id of every seat stored RESERVED, read straight from the table. */
    private static Map<String, String> reservedSeatsInTheDatabase(String eventId) {
        LocalSystem stack = TestStack.get();
        Map<String, String> reserved = new HashMap<>();
        stack.dynamoDb().scanPaginator(b -> b.tableName(stack.ref("Table"))
                        .filterExpression("event_id = :event AND begins_with(pk, :seats)")
                        .expressionAttributeValues(Map.of(":event", AttributeValue.fromS(eventId),
                                ":seats", AttributeValue.fromS("SEATS#"))))
                .items().forEach(item -> {
                    if ("RESERVED".equals(item.get("status").s())) {
                        reserved.put(item.get("row").n() + "-" + item.get("col").n(), item.get("hold_id").s());
                    }
                });
        return reserved;
    }
}
