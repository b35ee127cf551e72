package dev.ticketing.bench;

import dev.ticketing.config.SeatMapConfig;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.aws.DynamoDbLocal;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.map.SeatMap;
import dev.ticketing.seats.map.items.SeatMapBlockItems;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.seats.model.Seat;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
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
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * DynamoDB reads per second for ONE event's seat map when N API instances serve it: each instance has its own
 * {@link SeatMapCache} (as each Lambda execution environment does), all over one table, and each is asked for
 * the map every 100 ms (100,000 viewers spread over the instances keep every instance busy). Counts the calls,
 * items and read units the table serves (strongly consistent: 1 RCU per 4 KB of a Query page, or of each item of a
 * BatchGetItem, rounded up). Two paths: {@code compact} (the map from the stream-kept block items,
 * {@link SeatMapCache#compact}; every seat of the event is first given a change, so each block item is as big
 * as it gets) and {@code full} (every seat item queried, {@link SeatMapCache#current}).
 */
final class InstanceReads {
    private InstanceReads() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int columns = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        boolean compact = !(args.length > 3 && "full".equals(args[3]));
        int[] instanceCounts = args.length > 4 ? java.util.Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{8, 64, 512};
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            String event = bench.createEvent(rows, columns);
            Counting counting = new Counting();
            DynamoDbClient client = DynamoDbClient.builder().endpointOverride(bench.stack.dynamoDbEndpoint())
                    .region(DynamoDbLocal.REGION).credentialsProvider(DynamoDbLocal.CREDENTIALS)
                    .overrideConfiguration(c -> c.addExecutionInterceptor(counting)).build();
            Table table = new Table(client, new TicketingConfig(bench.stack.ref("Table"), Duration.ofMinutes(10), 10, 1));
            SeatMapBlockItems blocks = new SeatMapBlockItems(table);
            SeatMapReader maps = new SeatMapReader(table, new EventReader(table), new SeatBatches(table),
                    Clock.systemUTC());
            if (compact) {
                fillBlocks(blocks, maps.read(event), rows);
            }
            System.out.printf("one %,d-seat event, %s map, each instance asked for its map every 100 ms, %d s per line%n",
                    rows * columns, compact ? "compact (block items)" : "full (every seat)", seconds);
            System.out.println("instances  map reads/s  DynamoDB calls/s  items read/s  RCU/s (strongly consistent)  served/s");
            for (int instances : instanceCounts) {
                List<SeatMapCache> apis = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    apis.add(new SeatMapCache(maps, Clock.systemUTC(), new SeatMapConfig(Duration.ofMillis(500))));
                }
                counting.reset();
                AtomicLong served = new AtomicLong();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                ExecutorService pool = Executors.newFixedThreadPool(Math.min(instances, 64));
                List<Future<?>> running = new ArrayList<>();
                int perThread = Math.max(1, instances / 64);
                for (int t = 0; t < Math.min(instances, 64); t++) {
                    List<SeatMapCache> mine = apis.subList(t * perThread, Math.min(apis.size(), (t + 1) * perThread));
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            for (SeatMapCache api : mine) {
                                if (compact) {
                                    api.compact(event);
                                } else {
                                    api.current(event);
                                }
                                served.incrementAndGet();
                            }
                            Thread.sleep(100);
                        }
                        return null;
                    }));
                }
                try {
                    for (Future<?> f : running) {
                        f.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                double s = seconds;
                double refreshes = (double) counting.items.get() / (compact ? blockCount(rows, columns) : rows * columns);
                System.out.printf("%9d  %11.1f  %16.1f  %12.0f  %27.0f  %8.0f%n", instances, refreshes / s,
                        counting.calls.get() / s, counting.items.get() / s, counting.units.get() / s, served.get() / s);
                ResultLine.print("instances." + instances, "instances", instances, "seats", rows * columns, "path",
                        compact ? "compact" : "full", "seconds", seconds, "map_reads_per_s", refreshes / s,
                        "calls_per_s", counting.calls.get() / s, "items_per_s", counting.items.get() / s, "rcu_per_s",
                        counting.units.get() / s, "rcu_per_refresh", counting.units.get() / refreshes, "served_per_s",
                        served.get() / s);
            }
        }
    }

    /**
     * Gives every seat a change straight into its block item (RESERVED until an hour from now, version 1), as if the
     * whole hall had been held once: the block items are then as big as an on-sale makes them.
     */
    private static void fillBlocks(SeatMapBlockItems blocks, SeatMap map, int rows) {
        long expires = System.currentTimeMillis() + 3_600_000;
        java.util.Map<Integer, List<SeatItems.SeatChange>> perBlock = new java.util.TreeMap<>();
        int rowsPerBlock = Event.rowsPerBlockFor(map.columns());
        for (Seat seat : map.seats()) {
            int block = (seat.row() - 1) / rowsPerBlock;
            perBlock.computeIfAbsent(block, b -> new ArrayList<>()).add(new SeatItems.SeatChange(map.eventId(), block,
                    SeatId.parse(seat.id()), 1, SeatStatus.RESERVED, expires));
        }
        perBlock.forEach((block, changes) -> blocks.apply(map.eventId(), block, changes));
    }

    private static int blockCount(int rows, int columns) {
        int rowsPerBlock = Event.rowsPerBlockFor(columns);
        return (rows + rowsPerBlock - 1) / rowsPerBlock;
    }

    /** Counts what the table answers: calls, items, and read units of each Query page or BatchGetItem item. */
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
            } else if (context.response() instanceof BatchGetItemResponse batch) {
                for (var table : batch.responses().values()) {
                    for (var item : table) {
                        items.incrementAndGet();
                        units.addAndGet(Math.max(1, (size(item) + 4095) / 4096));
                    }
                }
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
