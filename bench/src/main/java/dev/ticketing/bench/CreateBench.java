package dev.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creating big halls through the HTTP API ({@code POST /events} with an {@code Idempotency-Key}): time until the
 * answer, time until the event is on sale (an answer {@code 202} means it is still CREATING: GET /events/{id} is
 * polled), and the growth of the used heap meanwhile (sampled every 5 ms, peak minus the level before; the whole
 * local stack runs in this JVM, DynamoDB Local included, so compare runs, not absolutes). Then the full seat map
 * is read page by page following {@code next} (a server without pages answers the whole map at once): pages, the
 * largest and the total bytes; and the compact map's size.
 *
 * <p>Only the HTTP API is used, so the same class measures an older build of the project too.
 */
final class CreateBench {

    private CreateBench() {
    }

    static void run(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            create(bench, 1_000, false); // warm-up: the first request starts the API function's context
            for (int seats : sizes) {
                create(bench, seats, true);
            }
        }
    }

    private static void create(BenchStack bench, int seats, boolean report) throws Exception {
        int columns = Math.min(500, seats);
        int rows = seats / columns;
        String body = BenchStack.JSON.writeValueAsString(Map.of("name", "Big hall", "date", "2027-06-01T20:00:00Z",
                "rows", rows, "columns", columns, "currency", "EUR",
                "prices", List.of(Map.of("fromRow", 1, "toRow", rows, "price", "25.00"))));
        String admin = bench.stack.token("bench-admin", true);
        HeapPeak heap = HeapPeak.start();

        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(bench.url("/events"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = bench.http.send(request, HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        if (answer.statusCode() != 201 && answer.statusCode() != 202) {
            throw new IllegalStateException("event not created: " + answer.statusCode() + " " + answer.body());
        }
        JsonNode event = BenchStack.json(answer);
        String id = event.get("id").asText();
        while (event.has("status") && !"ON_SALE".equals(event.get("status").asText())) {
            if ("FAILED".equals(event.get("status").asText())) {
                throw new IllegalStateException("creation failed: " + event);
            }
            Thread.sleep(20);
            event = BenchStack.json(bench.send("GET", "/events/" + id, admin, null));
        }
        long onSale = System.nanoTime();
        heap.stop();
        if (!report) {
            return;
        }
        System.out.printf("%,d seats (%d x %d): answer %d in %.2f s, on sale after %.2f s, heap growth %,d MB "
                        + "(used before %,d MB)%n", seats, rows, columns, answer.statusCode(), (answered - started) / 1e9,
                (onSale - started) / 1e9, heap.growthMegabytes(), heap.beforeMegabytes());
        pages(bench, id, seats);
    }

    private static void pages(BenchStack bench, String id, int seats) throws Exception {
        String viewer = bench.stack.token("viewer", false);
        String next = "/events/" + id + "/seats";
        int pages = 0;
        long largest = 0;
        long total = 0;
        int seen = 0;
        while (next != null) {
            HttpResponse<String> page = bench.send("GET", next, viewer, null);
            if (page.statusCode() != 200) {
                throw new IllegalStateException("seat map page " + next + ": " + page.statusCode() + " " + page.body());
            }
            long bytes = page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            JsonNode map = BenchStack.json(page);
            pages++;
            largest = Math.max(largest, bytes);
            total += bytes;
            seen += map.get("seats").size();
            next = map.hasNonNull("next") ? map.get("next").asText() : null;
        }
        HttpResponse<String> compact = bench.send("GET", "/events/" + id + "/seats?format=compact", viewer, null);
        System.out.printf("  full map: %d page(s), %,d seats, largest %,d bytes, total %,d bytes; compact %,d bytes%n",
                pages, seen, largest, total, compact.body().length());
        if (seen != seats) {
            throw new IllegalStateException("the pages held " + seen + " seats, not " + seats);
        }
    }
}
