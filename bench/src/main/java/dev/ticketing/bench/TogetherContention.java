package dev.ticketing.bench;

import dev.ticketing.local.LocalOptions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 64 concurrent users on a 1,000-seat event (25 x 40), each asking for "2 together", holding, then releasing
 * and asking again: holds/s, how many picks a hold took (Hold-Attempts), and how often the answer was 409.
 */
final class TogetherContention {
    private TogetherContention() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            String event = bench.createEvent(25, 40);
            Latencies latencies = new Latencies();
            AtomicLong held = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            long[] attemptCounts = new long[16];
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(users);
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String token = bench.stack.token("together-" + u, false);
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        HttpResponse<String> answer = bench.hold(event, token, "{\"quantity\":2,\"together\":true}");
                        latencies.record(System.nanoTime() - start);
                        if (answer.statusCode() == 201) {
                            held.incrementAndGet();
                            int attempts = Integer.parseInt(answer.headers().firstValue("Hold-Attempts").orElse("1"));
                            synchronized (attemptCounts) {
                                attemptCounts[Math.min(attempts, 15)]++;
                            }
                            bench.send("DELETE", "/holds/" + BenchStack.json(answer).get("id").asText(), token, null);
                        } else if (answer.statusCode() == 409) {
                            refused.incrementAndGet();
                        } else {
                            throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> user : running) {
                user.get();
            }
            pool.shutdown();
            System.out.printf("%d users, 1,000 seats, %d s: %.1f holds/s (each followed by a release), %d refused (409)%n",
                    users, seconds, held.get() / (double) seconds, refused.get());
            StringBuilder histogram = new StringBuilder();
            for (int a = 1; a < attemptCounts.length; a++) {
                if (attemptCounts[a] > 0) {
                    histogram.append(String.format(" %d pick%s: %d;", a, a == 1 ? "" : "s", attemptCounts[a]));
                }
            }
            System.out.println("picks per granted hold:" + histogram);
            System.out.println("hold request latency: " + latencies.summary());
        }
    }
}
