package dev.ticketing.bench;

import dev.ticketing.local.LocalOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * How soon an expired hold lets go, on a stack with short holds and a short sweep interval, nobody releasing:
 * (a) from {@code expiresAt} until a second user's hold of the same seat succeeds (lazy expiry: goal 0 s), and
 * (b) from {@code expiresAt} until the first hold's tickets read CANCELLED (cleanup: goal sweep interval + 1 s).
 * One hold at a time, so the two pollers of one hold are the only load. Each time is taken when the first poll that
 * succeeded was sent, so it includes the poll period ({@value #POLL_A_MILLIS} and {@value #POLL_B_MILLIS} ms) and
 * the previous poll's round trip, but not the successful call's own.
 */
final class ExpiryLatency {
    private static final long POLL_A_MILLIS = 5;
    private static final long POLL_B_MILLIS = 20;
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private ExpiryLatency() {
    }

    static void run(String[] args) throws Exception {
        int holds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Duration holdDuration = args.length > 1 ? Duration.parse(args[1]) : Duration.ofSeconds(2);
        Duration sweepInterval = args.length > 2 ? Duration.parse(args[2]) : Duration.ofSeconds(1);
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults().withHoldDuration(holdDuration)
                .withSweepInterval(sweepInterval))) {
            String event = bench.createEvent(10, 10);
            String alice = bench.stack.token("bench-alice", false);
            String bob = bench.stack.token("bench-bob", false);
            Latencies holdable = new Latencies();
            Latencies cancelled = new Latencies();
            for (int i = 0; i < holds; i++) {
                String seat = (1 + i / 10) + "-" + (1 + i % 10);
                String body = "{\"seats\":[\"" + seat + "\"]}";
                HttpResponse<String> held = bench.send("POST", "/events/" + event + "/holds", alice, body);
                if (held.statusCode() != 201) {
                    throw new IllegalStateException("hold failed: " + held.statusCode() + " " + held.body());
                }
                String holdId = BenchStack.json(held).get("id").asText();
                Instant expiresAt = Instant.parse(BenchStack.json(held).get("expiresAt").asText());
                long untilJustBefore = Duration.between(Instant.now(), expiresAt).toMillis() - 200;
                if (untilJustBefore > 0) {
                    Thread.sleep(untilJustBefore);
                }
                CompletableFuture<Duration> a = CompletableFuture.supplyAsync(() -> pollUntil(expiresAt, POLL_A_MILLIS, () ->
                        bench.send("POST", "/events/" + event + "/holds", bob, body).statusCode() == 201), pollers);
                CompletableFuture<Duration> b = CompletableFuture.supplyAsync(() -> pollUntil(expiresAt, POLL_B_MILLIS, () ->
                        BenchStack.json(bench.send("GET", "/holds/" + holdId, alice, null)).get("tickets")
                                .findValuesAsText("status").stream().allMatch("CANCELLED"::equals)), pollers);
                holdable.record(a.get().toNanos());
                cancelled.record(b.get().toNanos());
            }
            System.out.printf("%d holds of one seat, HOLD_DURATION=%s, SWEEP_INTERVAL=%s, nobody releasing%n", holds,
                    holdDuration, sweepInterval);
            System.out.printf("(a) expiresAt -> seat holdable by another user (goal 0 s):          p50=%.0f ms max=%.0f ms%n",
                    holdable.percentileMillis(50), holdable.percentileMillis(100));
            System.out.printf("(b) expiresAt -> tickets CANCELLED (goal <= SWEEP_INTERVAL + 1 s):  p50=%.0f ms max=%.0f ms%n",
                    cancelled.percentileMillis(50), cancelled.percentileMillis(100));
            ResultLine.print("expiry", "holds", holds, "hold_duration", holdDuration, "sweep_interval", sweepInterval,
                    "holdable_p50_ms", holdable.percentileMillis(50), "holdable_max_ms", holdable.percentileMillis(100),
                    "cancelled_p50_ms", cancelled.percentileMillis(50), "cancelled_max_ms", cancelled.percentileMillis(100));
        } finally {
            pollers.shutdownNow();
            pollers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    interface Check {
        boolean done() throws Exception;
    }

    /**
     * Polls until {@code check} holds; answers how long after {@code expiresAt} the first successful check was sent
     * (the server decided between sending and answering; sending is the closer bound for "from when").
     */
    private static Duration pollUntil(Instant expiresAt, long everyMillis, Check check) {
        Instant giveUp = expiresAt.plus(GIVE_UP);
        try {
            while (Instant.now().isBefore(giveUp)) {
                Instant sent = Instant.now();
                if (check.done()) {
                    Duration after = Duration.between(expiresAt, sent);
                    return after.isNegative() ? Duration.ZERO : after;
                }
                Thread.sleep(everyMillis);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("not done " + GIVE_UP + " after expiresAt");
    }
}
