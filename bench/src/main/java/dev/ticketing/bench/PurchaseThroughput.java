package dev.ticketing.bench;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.store.Table;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Purchases/s end to end on the local stack: {@code clients} concurrent buyers, each purchase by a new user:
 * hold 2 seats, start a PayPal payment, approve at the mock PayPal, wait for SUCCESS. Approval to SUCCESS is the
 * asynchronous part (signed webhook -> webhook function -> SQS -> poller -> processor: capture, sale transaction);
 * it is timed from the approve call's answer to the moment the payment item reads SUCCESS (a strongly consistent
 * GetItem every 5 ms, so the client's polling does not load the API it measures).
 */
final class PurchaseThroughput {
    private PurchaseThroughput() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            int rows = 100;
            int columns = 50;
            String event = bench.createEvent(rows, columns);
            String table = bench.stack.ref("Table");
            AtomicInteger next = new AtomicInteger();
            Latencies toSuccess = new Latencies();
            Latencies purchase = new Latencies();
            AtomicInteger failures = new AtomicInteger();
            long warmupEnd = System.nanoTime() + 5_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            AtomicInteger measured = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        int n = next.getAndIncrement();
                        int row = 1 + (n / (columns / 2)) % rows;
                        int column = 1 + 2 * (n % (columns / 2));
                        String token = bench.stack.token("buyer-" + n, false);
                        long started = System.nanoTime();
                        try {
                            HttpResponse<String> held = bench.send("POST", "/events/" + event + "/holds", token,
                                    "{\"seats\":[\"" + row + "-" + column + "\",\"" + row + "-" + (column + 1) + "\"]}");
                            expect(held, 201);
                            String holdId = BenchStack.json(held).get("id").asText();
                            HttpResponse<String> paid = bench.send("POST", "/holds/" + holdId + "/payments", token,
                                    "{\"provider\":\"PAYPAL\",\"buyer\":{\"name\":\"Bench Buyer\",\"email\":\"bench@example.com\"}}");
                            expect(paid, 201);
                            String paymentId = BenchStack.json(paid).get("id").asText();
                            String orderId = BenchStack.json(paid).get("providerOrderId").asText();
                            expect(bench.send("POST", "/mock-paypal/orders/" + orderId + "/approve", token, ""), 200);
                            long approved = System.nanoTime();
                            awaitSuccess(bench, table, paymentId);
                            long done = System.nanoTime();
                            if (approved >= warmupEnd && done <= end) {
                                toSuccess.record(done - approved);
                                purchase.record(done - started);
                                measured.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            System.err.println("purchase failed: " + e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            pool.shutdown();
            System.out.printf("%d clients, %d s after 5 s warm-up; each purchase a new user: hold 2 seats -> PayPal payment"
                    + " -> approve at the mock -> SUCCESS%n", clients, seconds);
            System.out.printf("purchases/s: %.1f (%d purchases, %d failed)%n", measured.get() / (double) seconds,
                    measured.get(), failures.get());
            System.out.printf("approval -> SUCCESS: %s%n", toSuccess.summary());
            System.out.printf("whole purchase:      %s%n", purchase.summary());
            ResultLine.print("purchases", ResultLine.join(new Object[] {"clients", clients, "seconds", seconds,
                    "purchases_per_s", measured.get() / (double) seconds, "purchases", measured.get(), "failed",
                    failures.get()}, toSuccess.resultValues("approval_to_success_"), purchase.resultValues("purchase_")));
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode() + " " + response.body());
        }
    }

    private static void awaitSuccess(BenchStack bench, String table, String paymentId) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        PaymentReader payments = new PaymentReader(new Table(bench.stack.dynamoDb(),
                new TicketingConfig(table, Duration.ofMinutes(10), 10, 1)));
        while (System.nanoTime() < deadline) {
            PaymentStatus status = payments.get(paymentId).status();
            if (status == PaymentStatus.SUCCESS) {
                return;
            }
            if (status == PaymentStatus.FAILED) {
                throw new IllegalStateException("payment " + paymentId + " FAILED");
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("payment " + paymentId + " not SUCCESS within 60 s");
    }
}
