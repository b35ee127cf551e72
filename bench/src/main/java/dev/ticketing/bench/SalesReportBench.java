package dev.ticketing.bench;

import dev.ticketing.events.ReportSales;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.SalesReport;
import dev.ticketing.identity.Caller;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.orders.items.OrderItems;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.orders.model.OrderLine;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.payments.items.PaymentItems;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import io.micronaut.context.ApplicationContext;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The organiser's sales report and CSV export of a hall with N sold tickets (issue 21, item 6): the hall is created
 * through the API (100,000 seats: EventSeatsFunction writes them), then its tickets are sold directly through the
 * data layer's item owners, an order of {@code perOrder} seats at a time in two transactions (the seats taken and the
 * payment created; the seats sold, the payment SUCCESS with its order, the order), as a sale would leave them. Then,
 * each timed with the used heap sampled every 5 ms (peak minus the level after a GC before it; the whole stack is in
 * this JVM, DynamoDB Local included):
 * <ul>
 *   <li>{@code ReportSales.report} and {@code ReportSales.csv} called on the API function's beans (the data layer);</li>
 *   <li>{@code GET /events/{id}/report} and {@code GET /events/{id}/orders.csv} through the HTTP front: the export
 *       written to the local S3 by a multipart upload, answered 303, then the download of the link.</li>
 * </ul>
 */
final class SalesReportBench {

    private SalesReportBench() {
    }

    static void run(String[] args) throws Exception {
        try {
            measureAll(args);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            throw e;
        }
    }

    private static void measureAll(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perOrder = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int columns = Math.min(500, tickets);
        int rows = (tickets + columns - 1) / columns;
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            long started = System.nanoTime();
            String eventId = bench.createEvent(rows, columns);
            System.out.printf("hall of %,d seats (%d x %d) on sale in %.1f s%n", rows * columns, rows, columns,
                    (System.nanoTime() - started) / 1e9);
            System.out.flush();
            ApplicationContext api = bench.stack.applicationContext("ApiFunction");
            Event event = api.getBean(EventReader.class).get(eventId);
            started = System.nanoTime();
            sell(api.getBean(Table.class), event, tickets, perOrder);
            System.out.printf("%,d tickets sold through the data layer (%d a order) in %.1f s%n", tickets, perOrder,
                    (System.nanoTime() - started) / 1e9);

            ReportSales reports = api.getBean(ReportSales.class);
            Caller admin = new Caller("bench-admin", true);
            for (int run = 1; run <= 2; run++) {
                String when = run == 1 ? "first" : "second";
                SalesReport[] report = new SalesReport[1];
                measure("data layer: ReportSales.report (" + when + ")", () -> {
                    report[0] = reports.report(admin, eventId);
                    return "sold " + report[0].seats().sold() + ", gross " + report[0].revenue().gross();
                });
                measure("data layer: ReportSales.csv to a counting writer (" + when + ")", () -> {
                    CountingWriter out = new CountingWriter();
                    reports.csv(admin, eventId).writeTo(out);
                    return String.format("%,d lines, %,d characters", out.lines, out.characters);
                });
            }
            String token = bench.stack.token("bench-admin", true);
            measure("HTTP: GET /events/{id}/report", () -> {
                HttpResponse<String> answer = bench.send("GET", "/events/" + eventId + "/report", token, null);
                return answer.statusCode() + ", " + String.format("%,d bytes", answer.body().length());
            });
            String[] link = new String[1];
            measure("HTTP: GET /events/{id}/orders.csv (CSV written to the local S3, 303)", () -> {
                HttpResponse<String> answer = bench.send("GET", "/events/" + eventId + "/orders.csv", token, null);
                link[0] = answer.headers().firstValue("Location").orElseThrow();
                return String.valueOf(answer.statusCode());
            });
            measure("HTTP: download of the link", () -> {
                HttpResponse<java.io.InputStream> csv = bench.http.send(HttpRequest.newBuilder(URI.create(link[0])).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long bytes;
                long lines = 0;
                try (java.io.InputStream in = csv.body()) {
                    byte[] buffer = new byte[64 * 1024];
                    long total = 0;
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        total += read;
                        for (int i = 0; i < read; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                    bytes = total;
                }
                return String.format("%d, %,d bytes, %,d lines", csv.statusCode(), bytes, lines);
            });
        }
    }

    /** Sells the first {@code tickets} seats, row by row, {@code perOrder} a order, on 4 threads. */
    private static void sell(Table table, Event event, int tickets, int perOrder) throws Exception {
        SeatItems seats = new SeatItems(table);
        PaymentItems payments = new PaymentItems(table);
        OrderItems orders = new OrderItems(table);
        DynamoDbClient dynamo = table.client();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int first = 0; first < tickets; first += perOrder) {
            int from = first;
            int count = Math.min(perOrder, tickets - first);
            done.add(pool.submit((Callable<Void>) () -> {
                Instant now = Instant.now();
                String holdId = UUID.randomUUID().toString();
                String paymentId = UUID.randomUUID().toString();
                String userId = "buyer-" + from / perOrder;
                String code = "B" + Long.toString(from / perOrder, 36).toUpperCase();
                List<TransactWriteItem> take = new ArrayList<>();
                List<TransactWriteItem> sell = new ArrayList<>();
                List<OrderLine> lines = new ArrayList<>();
                BigDecimal total = BigDecimal.ZERO;
                for (int i = from; i < from + count; i++) {
                    SeatId seat = new SeatId(i / event.columns() + 1, i % event.columns() + 1);
                    String ticketId = UUID.randomUUID().toString();
                    take.add(seats.take(event, seat, holdId, ticketId, userId, now.plusSeconds(600), now));
                    sell.add(seats.sell(event, seat, holdId, paymentId, now));
                    BigDecimal price = event.priceOf(seat.row());
                    lines.add(new OrderLine(ticketId, seat.toString(), seat.row(), seat.column(), price,
                            "Row " + seat.row() + ", Seat " + seat.column()));
                    total = total.add(price);
                }
                Buyer buyer = new Buyer("Buyer " + from / perOrder, "buyer" + from / perOrder + "@example.com", "en");
                take.add(payments.create(Payment.start(paymentId, holdId, event.id(), userId, PaymentProvider.PAYPAL,
                        total, event.currency(), buyer, now), now.plusSeconds(3600)));
                sell.add(payments.succeed(paymentId, "capture-" + paymentId, code, now));
                sell.add(orders.create(new PlacedOrder(code, event.id(), userId, holdId, paymentId, buyer, total,
                        event.currency(), PaymentProvider.PAYPAL, now, lines), now.plusSeconds(900))); // mail outbox due in 15 min (nothing sends mail here)
                dynamo.transactWriteItems(b -> b.transactItems(take));
                dynamo.transactWriteItems(b -> b.transactItems(sell));
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
    }

    private interface Step {
        String call() throws Exception;
    }

    /** Runs {@code step} once: its time and the growth of the used heap meanwhile (sampled every 5 ms). */
    private static void measure(String name, Step step) throws Exception {
        HeapPeak heap = HeapPeak.start();
        long started = System.nanoTime();
        String result = step.call();
        long took = System.nanoTime() - started;
        heap.stop();
        System.out.printf("%s: %.2f s, heap growth %,d MB (used before %,d MB): %s%n", name, took / 1e9,
                heap.growthMegabytes(), heap.beforeMegabytes(), result);
    }

    /** Counts what is written and keeps nothing. */
    private static final class CountingWriter extends Writer {
        long characters;
        long lines;

        @Override
        public void write(char[] text, int offset, int length) {
            characters += length;
            for (int i = offset; i < offset + length; i++) {
                if (text[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
