package dev.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An on-sale: N buyers, each a new user on a thread of their own, arriving {@code gap} apart in a known order, each
 * asking once for "2 together" on a fresh event. Per design (best-available strategy) and hall: holds/s, p50/p99
 * latency, buyers served, refusals while a pair was still free (must be 0), 503s, lone seats left in the final map
 * (stranded seats created; the hall started empty), and the share of buyer pairs served in arrival order: of two
 * served buyers, the one who asked first got seats at least as good (by the chooser's score: two seats per row from
 * the preferred row plus the seats off-centre).
 *
 * <pre>
 *   rush                                   the whole matrix: the allocator x 64, 256 buyers x 1,000, 20,000 seats
 *   rush STRATEGY BUYERS SEATS [GAP_MS]    one line, e.g. rush allocator 256 20000 2
 * </pre>
 */
final class RushBench {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private RushBench() {
    }

    record Result(String strategy, int seats, int buyers, double holdsPerSecond, double p50, double p99, int served,
                  int falseRefusals, int busy, int stranded, double inOrder, double seconds) {
    }

    static void run(String[] args) throws Exception {
        List<String> strategies = args.length > 0 ? List.of(args[0]) : List.of("allocator");
        if (!strategies.equals(List.of("allocator"))) {
            // the snapshot design was retired; the figures it gave stay in bench/results/rush.md
            throw new IllegalArgumentException("the only best-available design is allocator, not " + strategies);
        }
        List<Integer> buyerCounts = args.length > 1 ? List.of(Integer.parseInt(args[1])) : List.of(64, 256);
        List<Integer> halls = args.length > 2 ? List.of(Integer.parseInt(args[2])) : List.of(1_000, 20_000);
        int gapMillis = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.println("| design | seats | buyers | holds/s | p50 ms | p99 ms | served | refused while a pair was free"
                + " | 503 | stranded seats | earlier buyer got seats at least as good | command |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String strategy : strategies) {
            LocalOptions options = LocalOptions.defaults().withBestAvailableDeadline(DEADLINE)
                    .withMaxHoldsPerUserPerHour(0);
            try (BenchStack bench = BenchStack.start(options)) {
                for (int seats : halls) {
                    for (int buyers : buyerCounts) {
                        Result r = rush(bench, strategy, seats, buyers, gapMillis);
                        System.out.printf(Locale.ROOT,
                                "| %s | %,d | %d | %.1f | %.0f | %.0f | %d | %d | %d | %d | %.1f %% | `java -jar bench/target/ticketing-bench.jar rush %s %d %d %d` |%n",
                                r.strategy(), r.seats(), r.buyers(), r.holdsPerSecond(), r.p50(), r.p99(), r.served(),
                                r.falseRefusals(), r.busy(), r.stranded(), 100 * r.inOrder(), strategy, buyers, seats,
                                gapMillis);
                    }
                }
            }
        }
    }

    private static Result rush(BenchStack bench, String strategy, int seats, int buyers, int gapMillis) throws Exception {
        int rows = seats == 1_000 ? 25 : seats == 20_000 ? 100 : (int) Math.round(Math.sqrt(seats / 2.0));
        int columns = seats / rows;
        String event = bench.createEvent(rows, columns);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            tokens.add(bench.stack.token("rush-" + strategy + "-" + seats + "-" + buyers + "-" + i, false));
        }
        // warm the path (and the seat map) with one buyer who then lets go
        String warm = bench.stack.token("rush-warm-" + event, false);
        HttpResponse<String> warmHold = bench.hold(event, warm, "{\"quantity\":2,\"together\":true}");
        bench.send("DELETE", "/holds/" + BenchStack.json(warmHold).get("id").asText(), warm, null);

        Latencies latencies = new Latencies();
        int[] status = new int[buyers];
        double[] quality = new double[buyers];
        int preferredRow = dev.ticketing.seats.choice.SeatChooser.defaultPreferredRow(rows);
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        long start = System.nanoTime() + 200_000_000L;
        long[] answeredAt = new long[buyers];
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                int buyer = i;
                running.add(pool.submit(() -> {
                    LockSupport.parkNanos(start + buyer * gapMillis * 1_000_000L - System.nanoTime());
                    long sent = System.nanoTime();
                    HttpResponse<String> answer = bench.hold(event, tokens.get(buyer), "{\"quantity\":2,\"together\":true}");
                    answeredAt[buyer] = System.nanoTime();
                    latencies.record(answeredAt[buyer] - sent);
                    status[buyer] = answer.statusCode();
                    quality[buyer] = Double.NaN;
                    if (answer.statusCode() == 201) {
                        JsonNode held = BenchStack.json(answer).get("seats");
                        int row = held.get(0).get("row").asInt();
                        double centre = (held.get(0).get("column").asInt()
                                + held.get(held.size() - 1).get("column").asInt()) / 2.0;
                        quality[buyer] = 2.0 * Math.abs(row - preferredRow) + Math.abs(centre - (columns + 1) / 2.0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long end = 0;
        for (long t : answeredAt) {
            end = Math.max(end, t);
        }
        double seconds = (end - start) / 1e9;
        int served = 0;
        int refused = 0;
        int busy = 0;
        for (int s : status) {
            if (s == 201) {
                served++;
            } else if (s == 409) {
                refused++;
            } else if (s == 503) {
                busy++;
            } else {
                throw new IllegalStateException("unexpected answer " + s);
            }
        }
        List<String> map = compactRows(bench, event, tokens.get(0));
        boolean pairLeft = map.stream().anyMatch(row -> row.contains("AA"));
        long concordant = 0;
        long pairs = 0;
        for (int i = 0; i < buyers; i++) {
            for (int j = i + 1; j < buyers; j++) {
                if (!Double.isNaN(quality[i]) && !Double.isNaN(quality[j])) {
                    pairs++;
                    if (quality[i] <= quality[j]) {
                        concordant++;
                    }
                }
            }
        }
        return new Result(strategy, seats, buyers, served / seconds, latencies.percentileMillis(50),
                latencies.percentileMillis(99), served, pairLeft ? refused : 0, busy, loneSeats(map),
                pairs == 0 ? 1.0 : concordant / (double) pairs, seconds);
    }

    private static List<String> compactRows(BenchStack bench, String event, String token) throws Exception {
        JsonNode map = BenchStack.json(bench.send("GET", "/events/" + event + "/seats?format=compact", token, null));
        List<String> rows = new ArrayList<>();
        map.get("rows").forEach(row -> rows.add(row.get("seats").asText()));
        return rows;
    }

    private static int loneSeats(List<String> rows) {
        int lone = 0;
        for (String row : rows) {
            for (int c = 0; c < row.length(); c++) {
                boolean free = row.charAt(c) == 'A';
                boolean leftFree = c > 0 && row.charAt(c - 1) == 'A';
                boolean rightFree = c + 1 < row.length() && row.charAt(c + 1) == 'A';
                if (free && !leftFree && !rightFree) {
                    lone++;
                }
            }
        }
        return lone;
    }
}
