package dev.ticketing.bench;

import dev.ticketing.config.SeatMapConfig;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.EventItems;
import dev.ticketing.events.EventStore;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.aws.DynamoDbLocal;
import dev.ticketing.seats.SeatItems;
import dev.ticketing.seats.SeatMapService;
import dev.ticketing.seats.SeatMapSnapshots;
import dev.ticketing.seats.SeatStore;
import dev.ticketing.store.Table;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * DynamoDB reads per second for ONE event's seat map when N API instances serve it: each instance has its own
 * {@link SeatMapSnapshots} (as each Lambda execution environment does), all over one table, and each is asked for
 * the map every {@code pollMillis} (100,000 viewers spread over the instances keep every instance busy). Counts the
 * calls, items and read units (strongly consistent: 1 RCU per 4 KB of a Query page, rounded up) the table serves.
 */
final class InstanceReads {
    private InstanceReads() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int columns = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int[] instanceCounts = {8, 64, 512};
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            String event = bench.createEvent(rows, columns);
            Counting counting = new Counting();
            DynamoDbClient client = DynamoDbClient.builder().endpointOverride(bench.stack.dynamoDbEndpoint())
                    .region(DynamoDbLocal.REGION).credentialsProvider(DynamoDbLocal.CREDENTIALS)
                    .overrideConfiguration(c -> c.addExecutionInterceptor(counting)).build();
            Table table = new Table(client, new TicketingConfig(bench.stack.ref("Table"), Duration.ofMinutes(10), 10, 1));
            SeatMapService maps = new SeatMapService(new EventStore(table, new EventItems(table)),
                    new SeatStore(table, new SeatItems(table)), Clock.systemUTC());
            System.out.printf("one %,d-seat event, each instance asked for its map every 100 ms, %d s per line%n",
                    rows * columns, seconds);
            System.out.println("instances  full reads/s  DynamoDB calls/s  items read/s  RCU/s (strongly consistent)  served/s");
            for (int instances : instanceCounts) {
                List<SeatMapSnapshots> apis = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    apis.add(new SeatMapSnapshots(maps, Clock.systemUTC(), new SeatMapConfig(Duration.ofMillis(500))));
                }
                counting.reset();
                AtomicLong served = new AtomicLong();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                ExecutorService pool = Executors.newFixedThreadPool(Math.min(instances, 64));
                List<Future<?>> running = new ArrayList<>();
                int perThread = Math.max(1, instances / 64);
                for (int t = 0; t < Math.min(instances, 64); t++) {
                    List<SeatMapSnapshots> mine = apis.subList(t * perThread, Math.min(apis.size(), (t + 1) * perThread));
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            for (SeatMapSnapshots api : mine) {
                                api.current(event);
                                served.incrementAndGet();
                            }
                            Thread.sleep(100);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                pool.shutdown();
                double s = seconds;
                System.out.printf("%9d  %11.1f  %16.1f  %12.0f  %27.0f  %8.0f%n", instances,
                        (double) counting.items.get() / (rows * columns) / s, counting.calls.get() / s, counting.items.get() / s,
                        counting.units.get() / s, served.get() / s);
            }
        }
    }

    /** Counts what the table answers: calls, items, and read units of each Query page. */
    static final class Counting implements ExecutionInterceptor {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong items = new AtomicLong();
        final AtomicLong units = new AtomicLong();
        /** GetItems (the event; cached by the event store, so not one per refresh). */
        final AtomicLong getItems = new AtomicLong();

        void reset() {
            calls.set(0);
            items.set(0);
            units.set(0);
            getItems.set(0);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            calls.incrementAndGet();
            if (context.response() instanceof QueryResponse page) {
                items.addAndGet(page.count());
                long bytes = 0;
                for (var item : page.items()) {
                    bytes += size(item);
                }
                units.addAndGet(Math.max(1, (bytes + 4095) / 4096));
            } else if (context.response() instanceof GetItemResponse get) {
                getItems.incrementAndGet();
                items.incrementAndGet();
                units.addAndGet(Math.max(1, (size(get.item()) + 4095) / 4096));
            }
        }

        /** DynamoDB's item size: attribute names plus values (strings by length, numbers ~ digits / 2 + 1). */
        static long size(java.util.Map<String, AttributeValue> item) {
            long bytes = 0;
            for (var attribute : item.entrySet()) {
                bytes += attribute.getKey().length();
                AttributeValue value = attribute.getValue();
                if (value.s() != null) {
                    bytes += value.s().length();
                } else if (value.n() != null) {
                    bytes += value.n().length() / 2 + 1;
                } else {
                    bytes += 8;
                }
            }
            return bytes;
        }
    }
}
