package dev.ticketing.seats;

import dev.ticketing.events.Event;
import dev.ticketing.seats.SeatItems.StoredSeat;
import dev.ticketing.store.Table;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Bulk access to an event's seats: creating all of them, and reading all of them block by block in parallel, or a
 * few by id. The item format is {@link SeatItems}'.
 */
@Singleton
public class SeatStore {
    private static final int BATCH_SIZE = 25;
    private static final int PARALLELISM = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final SeatItems seatItems;
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, runnable -> {
        Thread thread = new Thread(runnable, "seat-store");
        thread.setDaemon(true);
        return thread;
    });

    public SeatStore(Table table, SeatItems seatItems) {
        this.dynamo = table.client();
        this.table = table.name();
        this.seatItems = seatItems;
    }

    /** Writes every seat of the event AVAILABLE, in parallel batches. */
    public void createAll(Event event) {
        List<WriteRequest> writes = new ArrayList<>(event.seatCount());
        for (int row = 1; row <= event.rows(); row++) {
            for (int column = 1; column <= event.columns(); column++) {
                writes.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(SeatItems.newSeat(event, new SeatId(row, column))).build())
                        .build());
            }
        }
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
            List<WriteRequest> batch = writes.subList(from, Math.min(from + BATCH_SIZE, writes.size()));
            batches.add(CompletableFuture.runAsync(() -> writeBatch(batch), pool));
        }
        CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).join();
    }

    private void writeBatch(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                backOff(attempt);
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 20L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing seats", e);
        }
    }

    /** Every seat of the event, in row then column order, read strongly consistently. */
    public List<StoredSeat> readAll(Event event) {
        List<CompletableFuture<List<StoredSeat>>> blocks = IntStream.range(0, event.blockCount())
                .mapToObj(block -> CompletableFuture.supplyAsync(() -> readBlock(event, block), pool))
                .toList();
        List<StoredSeat> seats = new ArrayList<>(event.seatCount());
        for (CompletableFuture<List<StoredSeat>> block : blocks) {
            seats.addAll(block.join());
        }
        return seats;
    }

    /** These seats of the event (at most 100), read strongly consistently, by id. */
    public Map<SeatId, StoredSeat> read(Event event, Collection<SeatId> seats) {
        List<Map<String, AttributeValue>> keys = seats.stream().map(seat -> SeatItems.key(event, seat)).toList();
        Map<SeatId, StoredSeat> found = new HashMap<>();
        dynamo.batchGetItemPaginator(b -> b.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(keys).consistentRead(true).build())))
                .stream()
                .flatMap(page -> page.responses().getOrDefault(table, List.of()).stream())
                .map(SeatItems::storedSeat)
                .forEach(seat -> found.put(seat.id(), seat));
        return found;
    }

    private List<StoredSeat> readBlock(Event event, int block) {
        QueryRequest query = seatItems.blockQuery(event, block);
        List<StoredSeat> seats = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            seats.add(SeatItems.storedSeat(item));
        }
        return seats;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
