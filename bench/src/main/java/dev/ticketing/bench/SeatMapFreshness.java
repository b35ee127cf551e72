package dev.ticketing.bench;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Freshness of the compact seat map: a seat is taken or released behind the API's back (through the data layer of
 * another function, as another instance would), and the time from that write's answer to the first compact map
 * the HTTP API answers with the change is recorded; a viewer polls every 10 ms with If-None-Match. The path measured
 * is the whole chain: the table's stream, the local stream reader (a GetRecords every 250 ms, as Lambda polls a
 * shard about four times a second), the projection function, and the API instance's snapshot (SEATMAP_MAX_AGE).
 */
final class SeatMapFreshness {
    private SeatMapFreshness() {
    }

    static void run(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            String eventId = bench.createEvent(100, 200);
            ApplicationContext other = bench.stack.applicationContext("PaymentProcessorFunction");
            Table table = other.getBean(Table.class);
            SeatItems seats = new SeatItems(other.getBean(Table.class));
            Event event = other.getBean(EventReader.class).get(eventId);
            String path = "/events/" + eventId + "/seats?format=compact";
            Latencies visible = new Latencies();
            String[] etag = {""};
            for (int i = 0; i < changes; i++) {
                SeatId seat = new SeatId(1 + (i * 7) % 100, 1 + (i * 13) % 200);
                Instant now = Instant.now();
                String hold = "bench-hold-" + i;
                visible.record(change(bench, table, seats.take(event, seat, hold, "t-" + i, "u-" + i,
                        now.plus(Duration.ofMinutes(10)), now), path, seat, 'R', etag));
                visible.record(change(bench, table, seats.release(event, seat, hold), path, seat, 'A', etag));
            }
            System.out.printf("compact map, write answered -> visible over HTTP (%d changes): %s%n", 2 * changes,
                    visible.summary());
            ResultLine.print("freshness", visible.resultValues(""));
        }
    }

    private static long change(BenchStack bench, Table table, TransactWriteItem write, String path, SeatId seat, char status, String[] etag) throws Exception {
        if (!table.writeAlone(write)) {
            throw new IllegalStateException("the write was refused");
        }
        long answered = System.nanoTime();
        long deadline = answered + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> map = bench.http.send(java.net.http.HttpRequest.newBuilder(bench.url(path))
                    .header("If-None-Match", etag[0]).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (map.statusCode() == 200) {
                etag[0] = map.headers().firstValue("ETag").orElse("");
                char shown = BenchStack.json(map).get("rows").get(seat.row() - 1).get("seats").asText()
                        .charAt(seat.column() - 1);
                if (shown == status) {
                    return System.nanoTime() - answered;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(seat + " did not show " + status + " within 10 s");
    }
}
