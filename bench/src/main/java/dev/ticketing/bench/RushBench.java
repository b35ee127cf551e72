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
 * asking once for two seats on a fresh event, either "2 together" (best available: the event's allocator places
 * them) or two seats picked by id (each buyer its own pair, row by row: no buyer collides, so this is the hold path's
 * own pace). A buyer follows a {@code 202} as the page does, polling its Location 250 ms later, then backing off
 * (twice the wait each time) to once a second.
 *
 * <p>Per line: holds/s, p50/p99 latency of a buyer's whole answer (202 and polls included), requests in flight at
 * once as the server sees them (every POST and poll from its send to its answer: max and time-weighted mean over the
 * rush), the first answers (201, 202) and the final ones (held, 409, 503 from the allocator's deadline, 503 from the
 * local front when over its 1,000 open connections), and for "together": refusals while a pair
 * was still free (must be 0), lone seats left in the final map (stranded seats created; the hall started empty), and
 * the share of buyer pairs served in arrival order (of two served buyers, the one who asked first got seats at least
 * as good, by the chooser's score: two seats per row from the preferred row plus the seats off-centre).
 *
 * <p>Cold: a stack just started, the event's first request is the rush's (no seat map, no allocator view, nothing
 * cached). Warm: the same stack after the cold line, a new event warmed by one buyer who holds and lets go.
 *
 * <pre>
 *   rush                                              the matrix: together, byid x 1,000, 20,000 seats x 256, 1,024
 *                                                     buyers x cold, warm
 *   rush MODE BUYERS SEATS [GAP_MS] [WAIT]            one cold line and its warm line, e.g. rush together 256 1000
 *                                                     (MODE together or byid; WAIT: BestAvailableWait, the template's
 *                                                     default if not given)
 * </pre>
 */
final class RushBench {
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /**
     * When a buyer polls a 202's Location, as the page does ({@code HOLD_POLL_MS}): 250 ms after the 202, then each
     * wait twice the last, at most 1 s; {@code -Drush.poll.ms=...} polls at that fixed interval instead.
     */
    private static final Long FIXED_POLL_MILLIS = Long.getLong("rush.poll.ms");
    private static final long FIRST_POLL_MILLIS = 250;
    private static final long LONGEST_POLL_MILLIS = 1_000;

    private RushBench() {
    }

    record Result(String mode, String phase, int seats, int buyers, double holdsPerSecond, double p50, double p99,
                  int maxInFlight, double meanInFlight, int created, int accepted, int served, int refused, int busy,
                  int frontRefused,
                  int falseRefusals, int stranded, double inOrder) {
    }

    static void run(String[] args) throws Exception {
        List<String> modes = args.length > 0 ? List.of(args[0]) : List.of("together", "byid");
        for (String mode : modes) {
            if (!mode.equals("together") && !mode.equals("byid")) {
                throw new IllegalArgumentException("MODE is together or byid, not " + mode);
            }
        }
        List<Integer> buyerCounts = args.length > 1 ? List.of(Integer.parseInt(args[1])) : List.of(256, 1_024);
        List<Integer> halls = args.length > 2 ? List.of(Integer.parseInt(args[2])) : List.of(1_000, 20_000);
        int gapMillis = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String wait = args.length > 4 ? args[4] : null;
        System.out.println("| mode | phase | seats | buyers | holds/s | p50 ms | p99 ms | in flight max | in flight mean"
                + " | 201 | 202 | held | 409 | 503 busy | 503 at the local front | refused while a pair was free"
                + " | stranded seats | earlier buyer got seats at least as good | command |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int seats : halls) {
            for (int buyers : buyerCounts) {
                for (String mode : modes) {
                    LocalOptions options = LocalOptions.defaults().withBestAvailableDeadline(DEADLINE)
                            .withMaxHoldsPerUserPerHour(0);
                    if (wait != null) {
                        options = options.withParameter("BestAvailableWait", wait);
                    }
                    String command = String.format(Locale.ROOT, "`java -jar bench/target/ticketing-bench.jar rush %s %d %d %d%s`",
                            mode, buyers, seats, gapMillis, wait == null ? "" : " " + wait);
                    try (BenchStack bench = BenchStack.start(options)) {
                        for (String phase : List.of("cold", "warm")) {
                            print(rush(bench, mode, phase, seats, buyers, gapMillis), command);
                        }
                    }
                }
            }
        }
    }

    private static void print(Result r, String command) {
        boolean together = r.mode().equals("together");
        System.out.printf(Locale.ROOT,
                "| %s | %s | %,d | %,d | %.1f | %.0f | %.0f | %d | %.1f | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s |%n",
                together ? "2 together" : "2 by id", r.phase(), r.seats(), r.buyers(), r.holdsPerSecond(), r.p50(),
                r.p99(), r.maxInFlight(), r.meanInFlight(), r.created(), r.accepted(), r.served(), r.refused(),
                r.busy(), r.frontRefused(), together ? Integer.toString(r.falseRefusals()) : "-",
                together ? Integer.toString(r.stranded()) : "-",
                together ? String.format(Locale.ROOT, "%.1f %%", 100 * r.inOrder()) : "-", command);
    }

    private static Result rush(BenchStack bench, String mode, String phase, int seats, int buyers, int gapMillis)
            throws Exception {
        int rows = seats == 1_000 ? 25 : seats == 20_000 ? 100 : (int) Math.round(Math.sqrt(seats / 2.0));
        int columns = seats / rows;
        String event = bench.createEvent(rows, columns);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            tokens.add(bench.stack.token("rush-" + mode + "-" + phase + "-" + seats + "-" + buyers + "-" + i, false));
        }
        if (phase.equals("warm")) {
            // warm the event's path (its seat map, the allocator's view) with one buyer who then lets go
            String warm = bench.stack.token("rush-warm-" + event, false);
            HttpResponse<String> warmHold = follow(bench, event, warm, "{\"quantity\":2,\"together\":true}", null, new int[2]);
            bench.send("DELETE", "/holds/" + BenchStack.json(warmHold).get("id").asText(), warm, null);
        }

        Latencies latencies = new Latencies();
        InFlight inFlight = new InFlight();
        int[] status = new int[buyers];
        int[] firstAnswers = new int[2];
        double[] quality = new double[buyers];
        int preferredRow = dev.ticketing.seats.choice.SeatChooser.defaultPreferredRow(rows);
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        long start = System.nanoTime() + 200_000_000L;
        long[] answeredAt = new long[buyers];
        // the problem types of the final answers that are not holds, printed under the line (stderr)
        java.util.Map<String, Integer> problems = new java.util.concurrent.ConcurrentSkipListMap<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                int buyer = i;
                String body = mode.equals("together") ? "{\"quantity\":2,\"together\":true}" : pairById(buyer, rows, columns);
                running.add(pool.submit(() -> {
                    LockSupport.parkNanos(start + buyer * gapMillis * 1_000_000L - System.nanoTime());
                    long sent = System.nanoTime();
                    HttpResponse<String> answer = follow(bench, event, tokens.get(buyer), body, inFlight, firstAnswers);
                    answeredAt[buyer] = System.nanoTime();
                    latencies.record(answeredAt[buyer] - sent);
                    status[buyer] = answer.statusCode();
                    if (answer.statusCode() != 201) {
                        JsonNode problem = answer.body().startsWith("{") ? BenchStack.json(answer) : null;
                        String type = problem != null && problem.has("type") ? problem.get("type").asText() : "(no body)";
                        problems.merge(answer.statusCode() + " " + type, 1, Integer::sum);
                    }
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
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        if (!problems.isEmpty()) {
            System.err.println("rush " + mode + " " + buyers + " buyers, " + rows * columns + " seats, final answers other than 201: " + problems);
        }
        long end = 0;
        for (long t : answeredAt) {
            end = Math.max(end, t);
        }
        double seconds = (end - start) / 1e9;
        int served = 0;
        int refused = 0;
        int busy = problems.entrySet().stream().filter(e -> e.getKey().startsWith("503 ")
                && e.getKey().endsWith("best-available-busy")).mapToInt(java.util.Map.Entry::getValue).sum();
        int frontRefused = 0;
        for (int s : status) {
            if (s == 201) {
                served++;
            } else if (s == 409) {
                refused++;
            } else if (s == 503) {
                frontRefused++;
            } else {
                throw new IllegalStateException("unexpected answer " + s);
            }
        }
        // a 503 that is not the allocator's is the local front's, over its 1,000 open connections (SlowClients)
        frontRefused -= busy;
        // the map as the projection settles: every held seat shows (within 10 s)
        List<String> map = compactRows(bench, event);
        for (long giveUp = System.nanoTime() + 10_000_000_000L; taken(map) < 2 * served && System.nanoTime() < giveUp; ) {
            Thread.sleep(100);
            map = compactRows(bench, event);
        }
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
        return new Result(mode, phase, seats, buyers, served / seconds, latencies.percentileMillis(50),
                latencies.percentileMillis(99), inFlight.max(), inFlight.mean(start, end), firstAnswers[0],
                firstAnswers[1], served, refused, busy, frontRefused, pairLeft ? refused : 0, loneSeats(map),
                pairs == 0 ? 1.0 : concordant / (double) pairs);
    }

    /** Buyer {@code buyer}'s own pair of seats, row by row from the front: no two buyers ask for the same seat. */
    private static String pairById(int buyer, int rows, int columns) {
        int pairsPerRow = columns / 2;
        // more buyers than pairs (1,024 on 1,000 seats): the later ones ask for an earlier buyer's pair, and get 409
        int pair = buyer % (rows * pairsPerRow);
        int row = pair / pairsPerRow + 1;
        int column = 2 * (pair % pairsPerRow) + 1;
        return "{\"seats\":[\"" + row + "-" + column + "\",\"" + row + "-" + (column + 1) + "\"]}";
    }

    /**
     * The POST, and a {@code 202} followed to its outcome as the page does (first after 250 ms, backing off to 1 s); each call
     * counted in flight while it is sent and answered, and the first answer counted as 201 or 202.
     */
    private static HttpResponse<String> follow(BenchStack bench, String event, String token, String body,
                                               InFlight inFlight, int[] firstAnswers) throws Exception {
        HttpResponse<String> answer = counted(inFlight, () -> bench.send("POST", "/events/" + event + "/holds", token, body));
        synchronized (firstAnswers) {
            if (answer.statusCode() == 201) {
                firstAnswers[0]++;
            } else if (answer.statusCode() == 202) {
                firstAnswers[1]++;
            }
        }
        long wait = FIXED_POLL_MILLIS != null ? FIXED_POLL_MILLIS : FIRST_POLL_MILLIS;
        while (answer.statusCode() == 202) {
            Thread.sleep(wait);
            wait = FIXED_POLL_MILLIS != null ? wait : Math.min(LONGEST_POLL_MILLIS, 2 * wait);
            String location = answer.headers().firstValue("Location").orElseThrow();
            answer = counted(inFlight, () -> bench.send("GET", location, token, null));
        }
        return answer;
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> counted(InFlight inFlight, Call call) throws Exception {
        if (inFlight == null) {
            return call.send();
        }
        inFlight.change(+1);
        try {
            return call.send();
        } finally {
            inFlight.change(-1);
        }
    }

    /** Requests in flight at once: the most, and the time-weighted mean over an interval. */
    private static final class InFlight {
        private int now;
        private int max;
        private long since = System.nanoTime();
        /** Sum of (requests in flight x nanoseconds) since {@code since} was first set. */
        private double area;
        private long first = -1;

        synchronized void change(int delta) {
            long t = System.nanoTime();
            if (first < 0) {
                first = t;
            } else {
                area += now * (double) (t - since);
            }
            since = t;
            now += delta;
            max = Math.max(max, now);
        }

        synchronized int max() {
            return max;
        }

        /** The mean over {@code [from, to]} (nanoTime): everything recorded falls inside it. */
        synchronized double mean(long from, long to) {
            return to > from ? area / (to - from) : 0;
        }
    }

    private static List<String> compactRows(BenchStack bench, String event) throws Exception {
        JsonNode map = BenchStack.json(bench.send("GET", "/events/" + event + "/seats?format=compact", null, null));
        List<String> rows = new ArrayList<>();
        map.get("rows").forEach(row -> rows.add(row.get("seats").asText()));
        return rows;
    }

    private static int taken(List<String> rows) {
        return rows.stream().mapToInt(row -> (int) row.chars().filter(c -> c != 'A').count()).sum();
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
