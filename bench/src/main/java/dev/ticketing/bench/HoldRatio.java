package dev.ticketing.bench;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldSlotItems;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Holds/s of the project against the raw transaction of its own item set, on the same DynamoDB Local, warm, in one
 * run: each client holds 2 seats for a user who has no hold yet (an on-sale: every buyer's first hold); the variants
 * take turns in short slices, so the changing load of a shared machine weighs on all alike. Also reports the CPU of
 * the whole process (clients, front, function and DynamoDB Local, all in it) per hold.
 * <ul>
 *   <li>{@code project}: {@code POST /events/{id}/holds} over HTTP through the front and the API function;</li>
 *   <li>{@code raw}: the same items as the project writes (built by its own {@code *Items} classes, through the API
 *       function's own DynamoDB client), one {@code TransactWriteItems} each, nothing else;</li>
 *   <li>{@code raw-embedded}: the same with the tickets as a list inside the hold item (2 seats, hold, lease, slot);</li>
 *   <li>{@code naive}: check-then-write, a deliberately WRONG design: read the seats, and if they look free write the
 *       same items unconditionally ({@code BatchWriteItem}).</li>
 * </ul>
 * Then a contention test: every client tries the same pairs of a small event in the same order, and counts how many
 * clients were told a seat is theirs: the project never more than one, the naive design double-sells.
 */
final class HoldRatio {
    private static final List<String> VARIANTS = List.of("project", "raw", "raw-embedded", "naive");
    private static final int COLUMNS = 200;
    /** The stack's default hold duration. */
    private static final Duration HOLD_DURATION = Duration.ofMinutes(10);

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int sliceMillis = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        List<String> variants = args.length > 3 ? List.of(args[3].split(",")) : VARIANTS;
        // "warm", as a Lambda instance is minutes into an on-sale: the project's path runs far more code than a bare
        // transaction (HTTP, Micronaut, JSON), and on two cores the JIT compiling it takes CPU from every variant for
        // tens of seconds (project / raw after 3 s of warm-up 0.82, after 15 s 0.84, after 40 s 0.89, same machine)
        int warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            HoldRatio ratio = new HoldRatio(bench, clients);
            // Every event and token first, then a pause: creating an event writes its seats, whose stream records the
            // local triggers read for a while, and signing a token costs ~1 ms of CPU; neither must weigh on a line.
            Map<String, Lane> lanes = new LinkedHashMap<>();
            for (String variant : variants) {
                lanes.put(variant, ratio.prepare(variant, seconds + warmUpSeconds));
            }
            Thread.sleep(5_000);
            for (Lane lane : lanes.values()) {
                ratio.slice(lane, warmUpSeconds * 1_000, false);
            }
            // Short slices in turn, every other cycle in reverse order: the load of a shared machine changes within
            // seconds, and so weighs on every variant alike.
            int cycles = seconds * 1000 / sliceMillis;
            for (int cycle = 0; cycle < cycles; cycle++) {
                List<Lane> order = new ArrayList<>(lanes.values());
                if (cycle % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Lane lane : order) {
                    ratio.slice(lane, sliceMillis, true);
                }
            }
            System.out.printf("%d clients, 2-seat holds, every hold by a user without one (hourly hold quota off,"
                    + " MAX_ACTIVE_HOLDS_PER_USER 1); after %d s of warm-up each, %d slices of %d ms per variant, in turn%n",
                    clients, warmUpSeconds, cycles, sliceMillis);
            System.out.println("variant        holds  holds/s  vs raw  median slice ratio to raw (quartiles)  CPU ms/hold (process)");
            Lane raw = lanes.get("raw");
            for (Lane lane : lanes.values()) {
                double[] ratios = new double[cycles];
                for (int i = 0; i < cycles; i++) {
                    ratios[i] = raw == null ? Double.NaN : lane.sliceRates.get(i) / raw.sliceRates.get(i);
                }
                java.util.Arrays.sort(ratios);
                double vsRaw = raw == null ? Double.NaN : lane.rate() / raw.rate();
                double cpuPerHold = lane.cpuNanos / 1e6 / lane.holds;
                System.out.printf("%-13s %6d  %7.1f  %6.2f  %5.2f (%.2f-%.2f)                     %6.2f%n", lane.variant,
                        lane.holds, lane.rate(), vsRaw, ratios[cycles / 2], ratios[cycles / 4], ratios[cycles * 3 / 4],
                        cpuPerHold);
                ResultLine.print("holdratio." + lane.variant, "clients", clients, "warm_up_s", warmUpSeconds, "slices", cycles,
                        "slice_ms", sliceMillis,
                        "holds", lane.holds, "holds_per_s", lane.rate(), "vs_raw", vsRaw, "slice_ratio_median",
                        ratios[cycles / 2], "slice_ratio_q1", ratios[cycles / 4], "slice_ratio_q3", ratios[cycles * 3 / 4],
                        "cpu_ms_per_hold", cpuPerHold);
            }
            if (variants.contains("naive")) {
                ratio.contention(clients);
            }
        }
    }

    /** One variant: its own event, the next free pair, for the project its users' tokens, and what it did. */
    private static final class Lane {
        final String variant;
        final Event event;
        final List<String> tokens;
        final AtomicInteger next = new AtomicInteger();
        final List<Double> sliceRates = new ArrayList<>();
        long holds;
        long nanos;
        long cpuNanos;

        Lane(String variant, Event event, List<String> tokens) {
            this.variant = variant;
            this.event = event;
            this.tokens = tokens;
        }

        double rate() {
            return holds / (nanos / 1e9);
        }
    }

    private final BenchStack bench;
    private final int clients;
    private final Table table;
    private final DynamoDbClient dynamo;
    private final EventReader events;
    private final SeatItems seats;
    private final TicketItems tickets;
    private final HoldItems holds;
    private final ActiveHoldSlotItems slots;
    private final AtomicInteger users = new AtomicInteger();

    private HoldRatio(BenchStack bench, int clients) {
        this.bench = bench;
        this.clients = clients;
        ApplicationContext api = bench.stack.applicationContext("ApiFunction");
        this.table = api.getBean(Table.class);
        this.dynamo = table.client();
        this.events = api.getBean(EventReader.class);
        this.seats = new SeatItems(api.getBean(Table.class));
        this.tickets = new TicketItems(api.getBean(Table.class));
        this.holds = new HoldItems(api.getBean(Table.class));
        this.slots = new ActiveHoldSlotItems(api.getBean(Table.class));
    }

    /**
     * A variant's lane: an event with seats for 400 holds/s over {@code seconds} (700/s for the naive design, which
     * writes no index, no slot and no condition: 525/s on 2 quiet cores), for the project 300 tokens a second.
     */
    private Lane prepare(String variant, int seconds) throws Exception {
        int perSecond = variant.equals("naive") ? 700 : 400;
        int rows = Math.min(1_500, Math.max(10, perSecond * seconds * 2 / COLUMNS));
        Event event = events.get(bench.createEvent(rows, COLUMNS));
        return new Lane(variant, event, variant.equals("project") ? tokens(300 * seconds) : List.of());
    }

    /** The variant's clients hold one new pair after the other for {@code millis}; recorded if {@code measured}. */
    private void slice(Lane lane, int millis, boolean measured) throws Exception {
        int pairs = lane.event.seatCount() / 2;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int held = 0;
                    while (System.nanoTime() < end) {
                        int pair = lane.next.getAndIncrement();
                        if (pair >= pairs) {
                            throw new IllegalStateException(lane.variant + " ran out of seats after " + pair + " holds");
                        }
                        List<SeatId> pick = pairOf(pair, COLUMNS);
                        boolean ok = switch (lane.variant) {
                            case "project" -> project(lane.event, pick, pair < lane.tokens.size() ? lane.tokens.get(pair)
                                    : bench.stack.token("buyer-" + users.incrementAndGet(), false)) == 201;
                            case "raw" -> raw(lane.event, pick, false);
                            case "raw-embedded" -> raw(lane.event, pick, true);
                            case "naive" -> naive(lane.event, pick);
                            default -> throw new IllegalArgumentException("variant " + lane.variant);
                        };
                        if (!ok) {
                            throw new IllegalStateException(lane.variant + " refused a free pair " + pick);
                        }
                        held++;
                    }
                    return held;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            long nanos = System.nanoTime() - start;
            if (measured) {
                lane.holds += total;
                lane.nanos += nanos;
                lane.cpuNanos += os.getProcessCpuTime() - cpuStart;
                lane.sliceRates.add(total / (nanos / 1e9));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SeatId> pairOf(int pair, int columns) {
        int row = 1 + pair / (columns / 2);
        int column = 1 + 2 * (pair % (columns / 2));
        return List.of(new SeatId(row, column), new SeatId(row, column + 1));
    }

    /** Tokens of users who have no hold yet (made before the clock runs: signing one costs ~1 ms of CPU). */
    private List<String> tokens(int count) {
        List<String> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(bench.stack.token("buyer-" + users.incrementAndGet(), false));
        }
        return made;
    }

    private int project(Event event, List<SeatId> pick, String token) throws Exception {
        HttpResponse<String> held = bench.send("POST", "/events/" + event.id() + "/holds", token,
                "{\"seats\":[\"" + pick.get(0) + "\",\"" + pick.get(1) + "\"]}");
        return held.statusCode();
    }

    /** The project's own item set, built by its own item classes, as one transaction. */
    private boolean raw(Event event, List<SeatId> pick, boolean embedded) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Hold hold = Hold.newHold(event, "raw-" + users.incrementAndGet(), pick, now, HOLD_DURATION);
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < pick.size(); i++) {
            items.add(seats.take(event, pick.get(i), hold.id(), hold.tickets().get(i).id(), hold.userId(),
                    hold.expiresAt(), now));
        }
        if (embedded) {
            items.add(withTickets(holds.create(hold), hold, now));
        } else {
            for (Ticket ticket : hold.tickets()) {
                items.add(tickets.create(ticket, now));
            }
            items.add(holds.create(hold));
        }
        items.add(holds.createLease(hold));
        items.add(slots.claim(hold, 0, now));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items).clientRequestToken(hold.id()));
            return true;
        } catch (TransactionCanceledException lost) {
            return false;
        }
    }

    /** The hold item with its tickets inside it, each with what the ticket item holds (no index entries of their own). */
    private static TransactWriteItem withTickets(TransactWriteItem holdPut, Hold hold, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(holdPut.put().item());
        item.put("tickets", AttributeValue.fromL(hold.tickets().stream().map(ticket -> AttributeValue.fromM(Map.of(
                "id", s(ticket.id()), "seat_id", s(ticket.seatId()), "row", n(ticket.row()), "col", n(ticket.column()),
                "status", s(ticket.status().name()), "created_at", s(now.toString())))).toList()));
        return TransactWriteItem.builder().put(holdPut.put().toBuilder().item(item).build()).build();
    }

    /** Check-then-write (WRONG on purpose): read both seats, and if they look free, write everything unconditionally. */
    private boolean naive(Event event, List<SeatId> pick) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, AttributeValue>> keys = pick.stream().map(seat -> SeatItems.key(event, seat)).toList();
        List<Map<String, AttributeValue>> read = dynamo.batchGetItem(b -> b.requestItems(Map.of(table.name(),
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))).responses().get(table.name());
        boolean free = read.size() == pick.size() && read.stream().allMatch(seat -> {
            String status = seat.get("status").s();
            return status.equals("AVAILABLE")
                    || status.equals("RESERVED") && Long.parseLong(seat.get("expires_at").n()) <= now.toEpochMilli();
        });
        if (!free) {
            return false;
        }
        Hold hold = Hold.newHold(event, "naive-" + users.incrementAndGet(), pick, now, HOLD_DURATION);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < pick.size(); i++) {
            Map<String, AttributeValue> seat = new HashMap<>(SeatItems.newSeat(event, pick.get(i)));
            seat.put("status", s("RESERVED"));
            seat.put("reserved_at", n(now.toEpochMilli()));
            seat.put("expires_at", n(hold.expiresAt().toEpochMilli()));
            seat.put("hold_id", s(hold.id()));
            seat.put("ticket_id", s(hold.tickets().get(i).id()));
            seat.put("user_id", s(hold.userId()));
            items.add(seat);
        }
        for (Ticket ticket : hold.tickets()) {
            items.add(putOf(tickets.create(ticket, now)));
        }
        items.add(putOf(holds.create(hold)));
        items.add(putOf(holds.createLease(hold)));
        items.add(putOf(slots.claim(hold, 0, now)));
        dynamo.batchWriteItem(b -> b.requestItems(Map.of(table.name(), items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList())));
        return true;
    }

    private static Map<String, AttributeValue> putOf(TransactWriteItem write) {
        Put put = write.put();
        return put.item();
    }

    /**
     * Every client tries every pair of a small event in the same order (fresh users): how many clients were told
     * that a seat is theirs, for the project (over HTTP) and for check-then-write.
     */
    private void contention(int clients) throws Exception {
        int rows = 5;
        int columns = 20;
        int pairs = rows * columns / 2;
        System.out.printf("contention: %d clients each try the same %d pairs (%d seats) in the same order%n", clients,
                pairs, rows * columns);
        for (String variant : List.of("project", "naive")) {
            Event event = events.get(bench.createEvent(rows, columns));
            List<String> tokens = variant.equals("project") ? tokens(pairs * clients) : List.of();
            Map<Integer, AtomicInteger> told = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger user = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        for (int pair = 0; pair < pairs; pair++) {
                            List<SeatId> pick = pairOf(pair, columns);
                            boolean mine = variant.equals("project")
                                    ? project(event, pick, tokens.get(user.getAndIncrement())) == 201
                                    : naive(event, pick);
                            if (mine) {
                                told.computeIfAbsent(pair, p -> new AtomicInteger()).incrementAndGet();
                            } else {
                                refused.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            int sold = told.size() * 2;
            int doubleSold = told.values().stream().mapToInt(count -> 2 * (count.get() - 1)).sum();
            long promisedTwice = told.values().stream().filter(count -> count.get() > 1).count() * 2;
            System.out.printf("%-8s seats held %d of %d, refused attempts %d, seats promised to more than one buyer %d"
                    + " (extra promises %d)%n", variant, sold, rows * columns, refused.get(), promisedTwice, doubleSold);
            ResultLine.print("holdratio.contention." + variant, "clients", clients, "seats", rows * columns, "seats_held",
                    sold, "refused", refused.get(), "seats_promised_twice", promisedTwice, "extra_promises", doubleSold);
        }
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }
}
