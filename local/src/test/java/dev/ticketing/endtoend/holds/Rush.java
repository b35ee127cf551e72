package dev.ticketing.endtoend.holds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** An on-sale as it goes: many buyers, each on a thread of their own, released at the same instant. */
final class Rush {
    private Rush() {
    }

    /**
     * Each buyer's answer, in buyer order; {@code body} gets the buyer's index. A {@code 202} is followed to its final
     * answer.
     */
    static List<Api.Response> of(Api api, int buyers, Function<Integer, Map<String, Object>> body, String eventId)
            throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            tokens.add(api.newUser("buyer" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            CyclicBarrier start = new CyclicBarrier(buyers);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                int buyer = i;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return followed(api, api.post("/events/" + eventId + "/holds", tokens.get(buyer), body.apply(buyer)),
                            tokens.get(buyer));
                }));
            }
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The answer, or where a {@code 202} leads: its Location polled as the page does until it answers otherwise. */
    static Api.Response followed(Api api, Api.Response answer, String token) {
        if (answer.status() != 202) {
            return answer;
        }
        String location = answer.headers().firstValue("Location").orElseThrow();
        java.util.concurrent.atomic.AtomicReference<Api.Response> last = new java.util.concurrent.atomic.AtomicReference<>(answer);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(250)).until(() -> {
                    last.set(api.get(location, token));
                    return last.get().status() != 202;
                });
        return last.get();
    }

    static List<String> seatIds(JsonNode hold) {
        List<String> ids = new ArrayList<>();
        hold.get("seats").forEach(seat -> ids.add(seat.get("id").asText()));
        return ids;
    }

    /** The lone empty seats of a compact map: an 'A' with no 'A' beside it in its row. */
    static List<String> loneSeats(List<String> rows) {
        List<String> lone = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            for (int c = 0; c < row.length(); c++) {
                boolean free = row.charAt(c) == 'A';
                boolean leftFree = c > 0 && row.charAt(c - 1) == 'A';
                boolean rightFree = c + 1 < row.length() && row.charAt(c + 1) == 'A';
                if (free && !leftFree && !rightFree) {
                    lone.add((r + 1) + "-" + (c + 1));
                }
            }
        }
        return lone;
    }

    /** Whether some row of a compact map has {@code size} free seats side by side. */
    static boolean hasBlock(List<String> rows, int size) {
        String block = "A".repeat(size);
        return rows.stream().anyMatch(row -> row.contains(block));
    }
}
