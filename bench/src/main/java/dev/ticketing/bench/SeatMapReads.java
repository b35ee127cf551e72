package dev.ticketing.bench;

import dev.ticketing.local.LocalOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Seat-map reads of a 20,000-seat event (100 rows x 200 seats, 1,000 seats held) by many concurrent viewers while
 * one buyer keeps holding and releasing seats: latency percentiles and requests/s for the full form (its first page,
 * 10,000 seats), the compact form, and polling the compact form with If-None-Match; bytes per seat on the wire.
 * {@code seatmap [seconds] [viewers] [forms]}: forms is a comma-separated choice of {@code full,compact,poll} (all by
 * default), run in that order.
 */
final class SeatMapReads {
    private SeatMapReads() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int viewers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        List<String> forms = args.length > 2 ? List.of(args[2].split(",")) : List.of("full", "compact", "poll");
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            long created = System.nanoTime();
            String event = bench.createEvent(100, 200);
            System.out.printf("created a 20,000-seat event in %.1f s%n", (System.nanoTime() - created) / 1e9);
            for (int i = 0; i < 100; i++) {
                int row = 1 + i;
                StringBuilder seats = new StringBuilder();
                for (int c = 1; c <= 10; c++) {
                    seats.append(c > 1 ? "," : "").append('"').append(row).append('-').append(c * 17).append('"');
                }
                bench.send("POST", "/events/" + event + "/holds", bench.stack.token("holder" + i, false),
                        "{\"seats\":[" + seats + "]}");
            }
            String path = "/events/" + event + "/seats";
            String viewer = bench.stack.token("viewer", false);
            HttpResponse<String> full = bench.send("GET", path, viewer, null);
            HttpResponse<String> compact = bench.send("GET", path + "?format=compact", viewer, null);
            // the full form is a page of at most 10,000 seats (the first of two here); the compact form is whole
            int fullSeats = BenchStack.json(full).get("seats").size();
            System.out.printf("bytes per seat on the wire: full %.1f, compact %.2f (%d bytes for a page of %d seats, "
                            + "%d bytes for 20,000, uncompressed)%n",
                    full.body().length() / (double) fullSeats, compact.body().length() / 20000.0, full.body().length(),
                    fullSeats, compact.body().length());
            ResultLine.print("seatmap.bytes", "full_per_seat", full.body().length() / (double) fullSeats,
                    "compact_per_seat", compact.body().length() / 20000.0, "compact_bytes", compact.body().length());

            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> churn(bench, event, writing), "writer");
            writer.start();
            try {
                for (String form : forms) {
                    switch (form) {
                        case "full" -> measure(bench, form, path, viewer, false, seconds, viewers);
                        case "compact" -> measure(bench, form, path + "?format=compact", viewer, false, seconds, viewers);
                        case "poll" -> measure(bench, form, path + "?format=compact", viewer, true, seconds, viewers);
                        default -> throw new IllegalArgumentException("form " + form + ": full, compact or poll");
                    }
                }
            } finally {
                writing.set(false);
                writer.join();
            }
        }
    }

    /** One buyer holding and releasing a seat about 5 times a second, so the map keeps changing. */
    private static void churn(BenchStack bench, String event, AtomicBoolean writing) {
        String token = bench.stack.token("churner", false);
        try {
            while (writing.get()) {
                int row = ThreadLocalRandom.current().nextInt(1, 101);
                HttpResponse<String> held = bench.send("POST", "/events/" + event + "/holds", token,
                        "{\"seats\":[\"" + row + "-1\"]}");
                if (held.statusCode() == 201) {
                    Thread.sleep(100);
                    bench.send("DELETE", "/holds/" + BenchStack.json(held).get("id").asText(), token, null);
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void measure(BenchStack bench, String name, String path, String token, boolean conditional,
                                int seconds, int viewers) throws Exception {
        Latencies latencies = new Latencies();
        long[] notModified = new long[viewers];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(viewers);
        List<Future<?>> running = new ArrayList<>();
        for (int v = 0; v < viewers; v++) {
            int viewer = v;
            running.add(pool.submit(() -> {
                String etag = null;
                while (System.nanoTime() < end) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(bench.url(path)).header("Authorization", "Bearer " + token);
                    if (conditional && etag != null) {
                        request.header("If-None-Match", etag);
                    }
                    long start = System.nanoTime();
                    HttpResponse<String> response = bench.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    latencies.record(System.nanoTime() - start);
                    if (response.statusCode() == 304) {
                        notModified[viewer]++;
                    } else if (response.statusCode() != 200) {
                        throw new IllegalStateException("seat map read failed: " + response.statusCode());
                    }
                    etag = response.headers().firstValue("ETag").orElse(etag);
                }
                return null;
            }));
        }
        for (Future<?> viewer : running) {
            viewer.get();
        }
        pool.shutdown();
        long total304 = 0;
        for (long n : notModified) {
            total304 += n;
        }
        double perSecond = latencies.count() / (double) seconds;
        double share304 = (double) total304 / latencies.count();
        System.out.printf("%-8s %d viewers: %.0f requests/s, %s%s%n", conditional ? "304 poll" : name, viewers, perSecond,
                latencies.summary(), conditional ? String.format(", %.0f%% answered 304", 100 * share304) : "");
        ResultLine.print("seatmap." + name, ResultLine.join(new Object[] {"viewers", viewers, "seconds", seconds,
                "requests_per_s", perSecond, "share_304", share304}, latencies.resultValues("")));
    }
}
