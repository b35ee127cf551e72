package dev.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.seed.SoldHall;
import dev.ticketing.payments.provider.PaymentProvider;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cancel-and-refund throughput: a hall of {@code tickets} seats, every one sold ({@link SoldHall}: holds of
 * {@code seatsPerHold}, PayPal and the card checkout in turn, through the use cases of the stack's own functions), is
 * cancelled with {@code POST /events/{id}/cancel}; {@code GET /events/{id}} is polled every 100 ms until its
 * cancellation is finished. Reported: the time from the cancel's answer to the first refund counted and to the end,
 * tickets and payments refunded per second over that time, and the refunds the mock providers made (one per payment,
 * counted from their refund webhooks). The whole local stack runs in this JVM (the event-cancellation queue, its
 * function, the mock providers on the HTTP front), in memory unless a data folder is given.
 */
final class CancelBench {
    /** The hall's width: a page of the cancellation is one row of 50 seats. */
    private static final int COLUMNS = 50;

    private CancelBench() {
    }

    static void run(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seatsPerHold = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dataDir = args.length > 2 ? Path.of(args[2]) : null;
        int rows = tickets / COLUMNS;
        LocalOptions options = LocalOptions.defaults().withMaxHoldsPerUserPerHour(0);
        try (BenchStack bench = dataDir == null ? BenchStack.start(options)
                : BenchStack.startFileBacked(options.withDataDir(dataDir))) {
            String event = bench.createEvent(rows, COLUMNS);
            LocalPayments providers = bench.stack.payments();
            long seeding = System.nanoTime();
            List<SoldHall.Sale> sales = new SoldHall(beans(bench), (provider, order) -> {
                if (provider == PaymentProvider.PAYPAL) {
                    providers.paypal().approve(order);
                } else {
                    providers.cardCheckout().pay(order);
                }
            }).sell(event, rows, COLUMNS, seatsPerHold, List.of(PaymentProvider.PAYPAL, PaymentProvider.OTHER), 8);
            double seeded = seconds(seeding);
            int refundsBefore = refundsMade(providers);

            String admin = bench.stack.token("bench-admin", true);
            var cancelled = bench.send("POST", "/events/" + event + "/cancel", admin,
                    BenchStack.JSON.writeValueAsString(Map.of("reason", "Benchmark")));
            if (cancelled.statusCode() != 202) {
                throw new IllegalStateException("not cancelled: " + cancelled.statusCode() + " " + cancelled.body());
            }
            long started = System.nanoTime();
            double firstRefund = -1;
            JsonNode cancellation;
            while (true) {
                cancellation = BenchStack.json(bench.send("GET", "/events/" + event, admin, null)).path("cancellation");
                if (firstRefund < 0 && cancellation.path("refunded").asInt() > 0) {
                    firstRefund = seconds(started);
                }
                if (cancellation.path("finished").asBoolean() && cancellation.path("pending").asInt(-1) == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            double took = seconds(started);
            int refunded = cancellation.path("refunded").asInt();
            System.out.printf("| %,d tickets, %,d payments of %d seats | sold in %.1f s | first refund counted %.1f s |"
                            + " finished %.1f s | **%.0f tickets/s**, %.1f payments/s | %d refunded, %d failed |"
                            + " %d refunds made at the providers |%n",
                    tickets, sales.size(), seatsPerHold, seeded, firstRefund, took, refunded / took, sales.size() / took,
                    refunded, cancellation.path("failed").asInt(), refundsMade(providers) - refundsBefore);
        }
    }

    /** The beans the sales need: the holds' and checkouts' from the API function, the settlement's from the processor. */
    private static Function<Class<?>, Object> beans(BenchStack bench) {
        ApplicationContext api = bench.stack.applicationContext("ApiFunction");
        ApplicationContext processor = bench.stack.applicationContext("PaymentProcessorFunction");
        return type -> api.findBean(type).map(Object.class::cast).orElseGet(() -> processor.getBean(type));
    }

    /** Refunds the mock providers made so far: one refund webhook each. */
    private static int refundsMade(LocalPayments providers) {
        long paypal = providers.paypal().sentWebhooks().stream()
                .filter(sent -> sent.eventType().equals("PAYMENT.CAPTURE.REFUNDED")).count();
        long card = providers.cardCheckout().sentWebhooks().stream()
                .filter(sent -> sent.getValue().equals("charge.refunded")).count();
        return Math.toIntExact(paypal + card);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
