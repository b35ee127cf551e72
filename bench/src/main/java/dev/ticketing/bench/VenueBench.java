package dev.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.venues.formats.SamplePlans;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Venues at scale (issue 20): for each size, a generated pretix plan ({@code SamplePlans.hall}: sections, curved rows
 * of 20 to 40 seats with a centre aisle) imported gzip-compressed over HTTP ({@code POST /venues}), timed, with the
 * used heap's growth (the whole stack runs in this JVM); an event made on it and timed until ON_SALE; then, beside
 * a rectangle of the same number of seats made in the same run, the compact map's bytes per seat and the read rate
 * of {@code GET /events/{id}/seats?format=compact} by {@code viewers} concurrent readers for {@code seconds} each.
 * {@code venues [seconds] [viewers] [sizes]}: sizes comma-separated, by default {@code 20000,100000}.
 */
final class VenueBench {
    private VenueBench() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int viewers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String sizes = args.length > 2 ? args[2] : "20000,100000";
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            String admin = bench.stack.token("bench-admin", true);
            System.out.println("| seats | plan text / gzip (MB) | import (s) | heap growth (MB) | event on sale (s) "
                    + "| compact bytes/seat plan / rectangle | plan JSON bytes/seat, as sent (once) "
                    + "| compact reads/s plan / rectangle | p99 ms plan / rectangle |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (String size : sizes.split(",")) {
                measure(bench, admin, Integer.parseInt(size.trim()), seconds, viewers);
            }
        }
    }

    private static void measure(BenchStack bench, String admin, int seats, int seconds, int viewers) throws Exception {
        String plan = SamplePlans.hall("Bench hall " + seats, "b" + seats, seats);
        byte[] gzipped = gzip(plan);
        HeapPeak heap = HeapPeak.start();
        long started = System.nanoTime();
        HttpResponse<String> imported = bench.http.send(HttpRequest.newBuilder(bench.url("/venues?format=pretix"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzipped)).build(),
                HttpResponse.BodyHandlers.ofString());
        double importSeconds = (System.nanoTime() - started) / 1e9;
        heap.stop();
        if (imported.statusCode() != 201) {
            throw new IllegalStateException("plan not imported: " + imported.statusCode() + " " + imported.body());
        }
        String venueId = BenchStack.json(imported).get("id").asText();

        started = System.nanoTime();
        String planEvent = onSale(bench, admin, BenchStack.JSON.writeValueAsString(Map.of("name", "Bench plan",
                "date", "2027-06-01T20:00:00Z", "currency", "EUR", "venueId", venueId, "categoryPrices", List.of(
                        Map.of("category", "A", "price", "60.00"), Map.of("category", "B", "price", "40.00"),
                        Map.of("category", "C", "price", "25.00")))));
        double onSaleSeconds = (System.nanoTime() - started) / 1e9;
        int columns = 500;
        while (seats % columns != 0) {
            columns--;
        }
        String rectangle = bench.createEvent(seats / columns, columns);

        String compactPath = "/events/%s/seats?format=compact";
        int planCompact = bench.send("GET", compactPath.formatted(planEvent), null, null).body().length();
        int rectangleCompact = bench.send("GET", compactPath.formatted(rectangle), null, null).body().length();
        // as a browser asks: a big plan's answer is gzipped (over 256 KiB), and over 5.9 MB it must be
        HttpResponse<byte[]> planAnswer = bench.http.send(HttpRequest.newBuilder(bench.url("/events/" + planEvent
                + "/plan")).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (planAnswer.statusCode() != 200) {
            throw new IllegalStateException("plan not read: " + planAnswer.statusCode());
        }
        int planJson = planAnswer.body().length;
        Latencies planReads = reads(bench, compactPath.formatted(planEvent), seconds, viewers);
        Latencies rectangleReads = reads(bench, compactPath.formatted(rectangle), seconds, viewers);
        System.out.printf("| %,d | %.1f / %.2f | %.1f | %d | %.1f | %.2f / %.2f | %.1f | %.0f / %.0f | %.0f / %.0f |%n",
                seats, plan.length() / 1e6, gzipped.length / 1e6, importSeconds, heap.growthMegabytes(), onSaleSeconds,
                planCompact / (double) seats, rectangleCompact / (double) seats, planJson / (double) seats,
                planReads.count() / (double) seconds, rectangleReads.count() / (double) seconds,
                planReads.percentileMillis(99), rectangleReads.percentileMillis(99));
        ResultLine.print("venues." + seats, "import_s", importSeconds, "heap_growth_mb", heap.growthMegabytes(),
                "on_sale_s", onSaleSeconds, "compact_bytes_per_seat_plan", planCompact / (double) seats,
                "compact_bytes_per_seat_rectangle", rectangleCompact / (double) seats,
                "compact_reads_per_s_plan", planReads.count() / (double) seconds,
                "compact_reads_per_s_rectangle", rectangleReads.count() / (double) seconds);
    }

    /** POSTs the event and waits until it is ON_SALE (a big one is written in the background); its id. */
    private static String onSale(BenchStack bench, String admin, String body) throws Exception {
        HttpResponse<String> created = bench.send("POST", "/events", admin, body);
        if (created.statusCode() != 201 && created.statusCode() != 202) {
            throw new IllegalStateException("event not created: " + created.body());
        }
        String id = BenchStack.json(created).get("id").asText();
        JsonNode event = BenchStack.json(created);
        while (!"ON_SALE".equals(event.path("status").asText())) {
            Thread.sleep(100);
            event = BenchStack.json(bench.send("GET", "/events/" + id, null, null));
        }
        return id;
    }

    private static Latencies reads(BenchStack bench, String path, int seconds, int viewers) throws Exception {
        Latencies latencies = new Latencies();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(viewers);
        List<Future<?>> running = new ArrayList<>();
        for (int v = 0; v < viewers; v++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = bench.send("GET", path, null, null);
                    latencies.record(System.nanoTime() - start);
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("compact map read failed: " + answer.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> viewer : running) {
            viewer.get();
        }
        pool.shutdown();
        return latencies;
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
