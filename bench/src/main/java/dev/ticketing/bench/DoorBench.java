package dev.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.admission.ListDoorTickets;
import dev.ticketing.admission.keys.TicketCodes;
import dev.ticketing.admission.model.TicketCode;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.identity.Caller;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The door (issue 22): check-ins per second from {@code devices} devices (threads) online, each ticket scanned by two
 * devices at about the same moment, with the number of tickets admitted twice (must be 0); the same tickets' offline
 * scans uploaded by the devices at once and reconciled; the server's time to verify one code
 * ({@link TicketCodes#verify}); and the size of the signed door list of big events: the list's bytes, the answer as
 * sent (gzip) and its time.
 *
 * <p>Runs on an in-memory local stack; the codes of the tickets it seeds are made by the API function's own
 * {@link TicketCodes} (its key set). Sold tickets are written straight into the table
 * ({@link TicketItems#create(Ticket, String, Instant)}, 25 a batch), since a purchase each would take hours for
 * 100,000; everything measured goes through the HTTP API.
 */
final class DoorBench {
    private static final String[] FIRST = {"Giulia", "Marco", "Luca", "Francesca", "Alessandro", "Sofia", "Matteo",
        "Chiara", "Lorenzo", "Anna", "Davide", "Elena", "Andrea", "Sara", "Paolo", "Martina", "Federico", "Giorgia"};
    private static final String[] LAST = {"Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
        "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Esposito", "Lombardi", "Moretti", "Barbieri"};
    /** Seats a row in the seeded halls (labels like "Row 250, Seat 400"). */
    private static final int COLUMNS = 400;

    private DoorBench() {
    }

    /** A seeded ticket and its code. */
    private record Seeded(String ticketId, String code) {
    }

    static void run(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Integer> sizes = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList()
                : List.of(10_000, 100_000);
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            // the API function's own code signer: it holds the stack's key set
            TicketCodes codes = bench.stack.applicationContext("ApiFunction").getBean(TicketCodes.class);
            Table table = new Table(bench.stack.dynamoDb(),
                    new TicketingConfig(bench.stack.ref("Table"), Duration.ofMinutes(10), 10, 1));
            List<String> staff = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                staff.add(bench.stack.token("door-" + d, List.of("staff")));
            }
            online(bench, table, codes, tickets, staff);
            offline(bench, table, codes, tickets, staff);
            verify(codes);
            for (int size : sizes) {
                manifest(bench, table, size, staff.get(0));
            }
        }
    }

    /** Every ticket scanned online by two devices (device d: slices d and d+1, in the same order), all at once. */
    private static void online(BenchStack bench, Table table, TicketCodes codes, int tickets, List<String> staff)
            throws Exception {
        String event = bench.createEvent(1, 1);
        List<Seeded> seeded = seed(table, codes, event, tickets, false);
        int devices = staff.size();
        AtomicIntegerArray admitted = new AtomicIntegerArray(tickets);
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        double seconds = eachDevice(devices, device -> {
            for (int i = 0; i < tickets; i++) {
                if (!scans(device, i, devices)) {
                    continue;
                }
                String body = BenchStack.JSON.writeValueAsString(Map.of("code", seeded.get(i).code(),
                        "deviceId", "gate-" + device, "scanId", "gate-" + device + "-" + i));
                long sent = System.nanoTime();
                HttpResponse<String> answer = bench.send("POST", "/events/" + event + "/checkins", staff.get(device), body);
                latencies.record(System.nanoTime() - sent);
                statuses.computeIfAbsent(answer.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                if (answer.statusCode() == 200) {
                    admitted.incrementAndGet(i);
                }
            }
        });
        int once = 0;
        int twice = 0;
        for (int i = 0; i < tickets; i++) {
            once += admitted.get(i) == 1 ? 1 : 0;
            twice += admitted.get(i) > 1 ? 1 : 0;
        }
        JsonNode report = BenchStack.json(bench.send("GET", "/events/" + event + "/checkin-report", staff.get(0), null));
        int scans = latencies.count();
        System.out.printf("online: %d devices, %d tickets each scanned by 2 devices at once: %d scans in %.1f s = %.0f scans/s"
                + " (%.0f admissions/s); answers %s; tickets admitted once %d, twice %d; report admitted %d of %d%n",
                devices, tickets, scans, seconds, scans / seconds, once / seconds, statuses, once, twice,
                report.get("admitted").asInt(), report.get("sold").asInt());
        System.out.printf("online scan latency: %s%n", latencies.summary());
        ResultLine.print("door.online", ResultLine.join(new Object[] {"devices", devices, "tickets", tickets, "scans", scans,
            "seconds", seconds, "scans_per_s", scans / seconds, "admissions_per_s", once / seconds, "admitted_once", once,
            "admitted_twice", twice, "report_admitted", report.get("admitted").asInt()}, latencies.resultValues("scan_")));
    }

    /** The same as {@link #online}, offline: each device uploads its scans (500 an upload), all devices at once. */
    private static void offline(BenchStack bench, Table table, TicketCodes codes, int tickets, List<String> staff)
            throws Exception {
        String event = bench.createEvent(1, 1);
        List<Seeded> seeded = seed(table, codes, event, tickets, false);
        int devices = staff.size();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
        Map<String, AtomicInteger> results = new java.util.concurrent.ConcurrentHashMap<>();
        Latencies uploads = new Latencies();
        double seconds = eachDevice(devices, device -> {
            List<Map<String, String>> scans = new ArrayList<>();
            for (int i = 0; i < tickets; i++) {
                if (scans(device, i, devices)) {
                    // device d scanned ticket i at base + i s + d ms: the lower device id is first
                    scans.add(Map.of("scanId", "gate-" + device + "-" + i, "code", seeded.get(i).code(),
                            "scannedAt", base.plusSeconds(i).plusMillis(device).toString()));
                }
            }
            for (int from = 0; from < scans.size(); from += 500) {
                String body = BenchStack.JSON.writeValueAsString(Map.of("deviceId", "gate-" + device,
                        "scans", scans.subList(from, Math.min(scans.size(), from + 500))));
                long sent = System.nanoTime();
                HttpResponse<String> answer = bench.send("POST", "/events/" + event + "/checkins/offline",
                        staff.get(device), body);
                uploads.record(System.nanoTime() - sent);
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("upload answered " + answer.statusCode() + " " + answer.body());
                }
                BenchStack.json(answer).get("results").forEach(result ->
                        results.computeIfAbsent(result.get("result").asText(), r -> new AtomicInteger()).incrementAndGet());
            }
        });
        JsonNode report = BenchStack.json(bench.send("GET", "/events/" + event + "/checkin-report", staff.get(0), null));
        int scans = results.values().stream().mapToInt(AtomicInteger::get).sum();
        int flagged = report.get("doubleAdmissions").size();
        System.out.printf("offline: %d devices upload %d scans of %d tickets (each ticket by 2 devices) at once: %.1f s"
                + " = %.0f scans/s; results %s; report admitted %d of %d, flagged twice %d%n", devices, scans, tickets,
                seconds, scans / seconds, results, report.get("admitted").asInt(), report.get("sold").asInt(), flagged);
        System.out.printf("offline upload latency (up to 500 scans): %s%n", uploads.summary());
        ResultLine.print("door.offline", ResultLine.join(new Object[] {"devices", devices, "tickets", tickets, "scans", scans,
            "seconds", seconds, "scans_per_s", scans / seconds, "report_admitted", report.get("admitted").asInt(),
            "flagged_twice", flagged}, uploads.resultValues("upload_")));
    }

    /** What one device does, on its own thread. */
    private interface DeviceWork {
        void run(int device) throws Exception;
    }

    /** {@code work} of every device at once; the seconds until the last one finished. */
    private static double eachDevice(int devices, DeviceWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                int device = d;
                running.add(pool.submit(() -> {
                    work.run(device);
                    return null;
                }));
            }
            for (Future<?> device : running) {
                device.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /** Whether {@code device} scans ticket {@code i}: its own slice and the next device's, so two devices race on each. */
    private static boolean scans(int device, int i, int devices) {
        int slice = i % devices;
        return slice == device || slice == (device + 1) % devices;
    }

    /** {@link TicketCodes#verify} of one code, over and over on one thread, after a warm-up. */
    private static void verify(TicketCodes codes) {
        String code = codes.issue(new TicketCode(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "12-34", 1));
        for (int i = 0; i < 5_000; i++) {
            codes.verify(code).orElseThrow();
        }
        Latencies each = new Latencies();
        int runs = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long before = System.nanoTime();
            codes.verify(code).orElseThrow();
            each.record(System.nanoTime() - before);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("verify one code (TicketCodes.verify, one thread): mean %.1f us, p50 %.1f us, p99 %.1f us,"
                + " %.0f verifies/s%n", each.meanMillis() * 1000, each.percentileMillis(50) * 1000,
                each.percentileMillis(99) * 1000, runs / seconds);
        ResultLine.print("door.verify", "runs", runs, "mean_us", each.meanMillis() * 1000, "p50_us",
                each.percentileMillis(50) * 1000, "p99_us", each.percentileMillis(99) * 1000, "per_s", runs / seconds);
    }

    /** The door list of an event of {@code size} sold tickets: sizes and time, as sent gzipped and as it is. */
    private static void manifest(BenchStack bench, Table table, int size, String staff) throws Exception {
        String event = bench.createEvent(1, 1);
        long seeding = System.nanoTime();
        seed(table, null, event, size, true);
        System.out.printf("seeded %d sold tickets in %.1f s%n", size, (System.nanoTime() - seeding) / 1e9);
        HttpResponse<byte[]> zipped = null;
        Latencies times = new Latencies();
        for (int run = 0; run < 3; run++) {
            long sent = System.nanoTime();
            zipped = bench.http.send(HttpRequest.newBuilder(bench.url("/events/" + event + "/checkin-list"))
                    .header("Authorization", "Bearer " + staff).header("Accept-Encoding", "gzip").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            times.record(System.nanoTime() - sent);
        }
        if (zipped.statusCode() != 200) {
            throw new IllegalStateException("door list answered " + zipped.statusCode());
        }
        boolean gzipped = zipped.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
        byte[] answer = gzipped ? new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes() : zipped.body();
        JsonNode signed = BenchStack.JSON.readTree(answer);
        String base64 = signed.get("manifest").asText();
        byte[] manifest = Base64.getUrlDecoder().decode(base64);
        int listed = BenchStack.JSON.readTree(manifest).get("tickets").size();
        // the use case alone, in process (the index read, the list's bytes, the signature): what HTTP adds is the
        // answer's JSON, its gzip and base64, and the local front
        ListDoorTickets useCase = bench.stack.applicationContext("ApiFunction").getBean(ListDoorTickets.class);
        Latencies inProcess = new Latencies();
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            useCase.list(new Caller("bench-door", Set.of(Caller.Role.STAFF)), event, null);
            inProcess.record(System.nanoTime() - started);
        }
        System.out.printf("door list of %d tickets, the use case in process: %s%n", size, inProcess.summary());
        HttpResponse<byte[]> plain = bench.http.send(HttpRequest.newBuilder(bench.url("/events/" + event + "/checkin-list"))
                .header("Authorization", "Bearer " + staff).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        // what the API function hands Lambda: the answer as is, or base64 of the gzip
        int lambdaPayload = gzipped ? (zipped.body().length + 2) / 3 * 4 : answer.length;
        System.out.printf("door list of %d tickets (%d listed): manifest %,d bytes (JSON), %,d as base64; answer %,d bytes,"
                + " sent %s %,d bytes (%.1f bytes a ticket); the manifest alone gzipped %,d; Lambda payload %,d;"
                + " without Accept-Encoding: %d; answer time %s%n", size, listed, manifest.length,
                base64.length(), answer.length, gzipped ? "gzipped" : "as is", zipped.body().length,
                zipped.body().length / (double) size, gzip(manifest).length, lambdaPayload, plain.statusCode(),
                times.summary());
        ResultLine.print("door.manifest." + size, ResultLine.join(new Object[] {"tickets", size, "listed", listed,
            "manifest_bytes", manifest.length, "base64_chars", base64.length(), "answer_bytes", answer.length,
            "sent_bytes", zipped.body().length, "gzipped", gzipped, "manifest_gzip_bytes", gzip(manifest).length,
            "lambda_payload_bytes", lambdaPayload,
            "plain_status", plain.statusCode()}, times.resultValues("answer_"), inProcess.resultValues("use_case_")));
    }

    /** {@code count} PAID tickets of {@code event}, 1-4 to a buyer, written 25 a batch on 8 threads; with their codes. */
    private static List<Seeded> seed(Table table, TicketCodes codes, String event, int count, boolean names)
            throws Exception {
        TicketItems items = new TicketItems(table);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Random random = new Random(22);
        List<Seeded> seeded = new ArrayList<>(count);
        List<WriteRequest> writes = new ArrayList<>(count);
        String holdId = null;
        String name = null;
        int left = 0;
        for (int i = 0; i < count; i++) {
            if (left == 0) {
                holdId = UUID.randomUUID().toString();
                name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
                left = 1 + random.nextInt(4);
            }
            left--;
            int row = 1 + i / COLUMNS;
            int column = 1 + i % COLUMNS;
            String seatId = row + "-" + column;
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), holdId, event, "buyer-" + holdId, seatId, row,
                    column, TicketStatus.PAID, null, new BigDecimal("25.00"));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(items.create(ticket, names ? name : null, now).put().item()).build()).build());
            seeded.add(new Seeded(ticket.id(), codes == null ? null
                    : codes.issue(new TicketCode(ticket.id(), holdId, event, seatId, 1))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
            batches.add(pool.submit(() -> {
                Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table.name(), batch));
                while (!pending.isEmpty()) {
                    BatchWriteItemResponse written = table.client().batchWriteItem(b -> b.requestItems(pending));
                    pending.clear();
                    pending.putAll(written.unprocessedItems());
                }
                return null;
            }));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        pool.shutdown();
        return seeded;
    }

    private static byte[] gzip(byte[] bytes) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
