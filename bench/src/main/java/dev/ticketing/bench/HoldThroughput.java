package dev.ticketing.bench;

import dev.ticketing.local.LocalOptions;
import java.net.http.HttpResponse;

/**
 * Holds/s that ONE client gets on the local stack: hold two adjacent seats, then release them, in a loop, over
 * HTTP through the front, the API function and DynamoDB Local. Release is timed apart from hold.
 */
final class HoldThroughput {
    private HoldThroughput() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // with a data folder the stack is file-backed, as a person runs it: each transaction waits for its commit
        // (-Dticketing.commitBarrier=false measures the same without that wait)
        java.nio.file.Path dataDir = args.length > 1 ? java.nio.file.Path.of(args[1]) : null;
        try (BenchStack bench = dataDir == null ? BenchStack.start(LocalOptions.defaults())
                : BenchStack.startFileBacked(LocalOptions.defaults().withDataDir(dataDir))) {
            int rows = 100;
            int columns = 100;
            String event = bench.createEvent(rows, columns);
            String token = bench.stack.token("bench-user", false);
            Latencies holds = new Latencies();
            Latencies releases = new Latencies();
            long warmupEnd = System.nanoTime() + 3_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            int i = 0;
            long measuredStart = 0;
            int measuredHolds = 0;
            while (System.nanoTime() < end) {
                int row = 1 + (i / (columns / 2)) % rows;
                int column = 1 + 2 * (i % (columns / 2));
                i++;
                boolean measuring = System.nanoTime() >= warmupEnd;
                if (measuring && measuredStart == 0) {
                    measuredStart = System.nanoTime();
                }
                long start = System.nanoTime();
                HttpResponse<String> held = bench.send("POST", "/events/" + event + "/holds", token,
                        "{\"seats\":[\"" + row + "-" + column + "\",\"" + row + "-" + (column + 1) + "\"]}");
                long holdNanos = System.nanoTime() - start;
                if (held.statusCode() != 201) {
                    throw new IllegalStateException("hold failed: " + held.statusCode() + " " + held.body());
                }
                String holdId = BenchStack.json(held).get("id").asText();
                start = System.nanoTime();
                HttpResponse<String> released = bench.send("DELETE", "/holds/" + holdId, token, null);
                long releaseNanos = System.nanoTime() - start;
                if (released.statusCode() != 204) {
                    throw new IllegalStateException("release failed: " + released.statusCode());
                }
                if (measuring) {
                    holds.record(holdNanos);
                    releases.record(releaseNanos);
                    measuredHolds++;
                }
            }
            double elapsed = (System.nanoTime() - measuredStart) / 1e9;
            System.out.printf("one client, %d s after 3 s warm-up, 2-seat holds each followed by a release, %s%n", seconds,
                    dataDir == null ? "in memory" : "file-backed, commit barrier "
                            + ("false".equalsIgnoreCase(System.getProperty("ticketing.commitBarrier")) ? "OFF" : "on"));
            System.out.printf("hold+release cycles/s: %.1f%n", measuredHolds / elapsed);
            System.out.printf("holds/s if the client only held (1 / mean hold latency): %.1f%n",
                    1000.0 / holds.meanMillis());
            System.out.printf("hold    latency: %s%n", holds.summary());
            System.out.printf("release latency: %s%n", releases.summary());
        }
    }
}
