package dev.ticketing.seats.items;

import dev.ticketing.events.model.Event;
import dev.ticketing.seats.model.Seat;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.store.Parallel;
import dev.ticketing.store.Table;
import dev.ticketing.seats.items.SeatItems.StoredSeat;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Bulk access to an event's seats: creating all of them as a stream of batches, and reading all of them block by
 * block in parallel, or a few by id. The item format is {@link SeatItems}'.
 */
@Singleton
public class SeatBatches {
    /** The most items one BatchWriteItem takes. */
    private static final int BATCH_SIZE = 25;
    private static final int PARALLELISM = 8;
    /** Seat batches written at once when creating an event (each its own thread, apart from the readers'). */
    static final int IN_FLIGHT = 8;
    /** Calls for one batch, its unprocessed items retried with backoff, before the creation fails. */
    private static final int MAX_ATTEMPTS = 10;
    /**
     * The longest one BatchWriteItem call may take, retries included, so that no write lands long after it was sent
     * (a creation lease relies on it: {@code events.creation.EventSeats}).
     */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Blocks {@link #forEachBlock} reads at once. */
    static final int READ_WINDOW = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final SeatItems seatItems;
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, runnable -> {
        Thread thread = new Thread(runnable, "seat-store");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService writers = Executors.newFixedThreadPool(IN_FLIGHT, runnable -> {
        Thread thread = new Thread(runnable, "seat-writer");
        thread.setDaemon(true);
        return thread;
    });

    public SeatBatches(Table table) {
        this.dynamo = table.client();
        this.table = table.name();
        this.seatItems = new SeatItems(table);
    }

    /** Writes every seat of the event AVAILABLE ({@link #writeAll} with nothing to check between batches). */
    public void createAll(Event event) {
        writeAll(event, () -> { });
    }

    /**
     * Writes every seat of the event AVAILABLE as a stream: the seats are made in row order 25 at a time (one
     * BatchWriteItem each) and at most {@value #IN_FLIGHT} batches are in flight at once, so memory stays the same
     * for any size of hall. Each write is a plain put that overwrites the seat, so writing a seat twice (a resumed
     * creation) leaves one seat: only safe while nobody can hold the event's seats (it is not ON_SALE).
     *
     * @param beforeEachCall run before every call that writes (retries of unprocessed items included), from the
     *                       writing threads; it stops the writing by throwing (a creation lease that is lost)
     * @throws RuntimeException the first failure of any batch (what DynamoDB threw, or {@code beforeEachCall}), after
     *                          the batches in flight have ended; no new batch starts after a failure
     */
    public void writeAll(Event event, Runnable beforeEachCall) {
        writeAll(event, beforeEachCall, written -> { });
    }

    /** {@link #writeAll(Event, Runnable)}, telling {@code written} the size of each batch once it is in. */
    public void writeAll(Event event, Runnable beforeEachCall, java.util.function.IntConsumer written) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
        try {
            SeatLayout layout = event.layout();
            for (int row = 1; row <= layout.rows() && failure.get() == null; row++) {
                for (SeatId seat : layout.seatsOf(row)) {
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(SeatItems.newSeat(event, seat)).build()).build());
                    if (batch.size() == BATCH_SIZE) {
                        submit(batch, beforeEachCall, written, slots, failure);
                        batch = new ArrayList<>(BATCH_SIZE);
                    }
                }
            }
            if (!batch.isEmpty() && failure.get() == null) {
                submit(batch, beforeEachCall, written, slots, failure);
            }
            slots.acquire(IN_FLIGHT); // every batch in flight has ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IllegalStateException("interrupted while writing seats", e));
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void submit(List<WriteRequest> batch, Runnable beforeEachCall, java.util.function.IntConsumer written,
                        Semaphore slots, AtomicReference<RuntimeException> failure) throws InterruptedException {
        slots.acquire();
        try {
            writers.execute(() -> {
                try {
                    if (failure.get() == null) {
                        writeBatch(batch, beforeEachCall);
                        written.accept(batch.size());
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    private void writeBatch(List<WriteRequest> batch, Runnable beforeEachCall) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left " + pending.get(table).size()
                        + " seat writes unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            if (attempt > 0) {
                backOff(attempt);
            }
            beforeEachCall.run();
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request)
                    .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)));
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

    /**
     * Hands each block's seats (as the report reads them), in row order, to {@code perBlock}. The blocks are read
     * {@link #READ_WINDOW} at a time in parallel (each a query that waits on the table, not the CPU), so a cancelled
     * 100,000-seat hall is counted in a few seconds rather than one block after the other; memory holds one window
     * whatever the hall's size.
     */
    public void forEachBlock(Event event, Consumer<List<SeatItems.SoldState>> perBlock) {
        Parallel.inWindows(event.blockCount(), READ_WINDOW, block -> soldStates(event, block), perBlock);
    }

    /** The seats of block {@code block} of the event as the report reads them, strongly consistent, in seat order. */
    public List<SeatItems.SoldState> soldStates(Event event, int block) {
        List<SeatItems.SoldState> seats = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(seatItems.reportQuery(event, block)).items()) {
            seats.add(SeatItems.soldState(item));
        }
        // a plan's grid rows past 999 have longer sort keys, which sort before shorter ones
        seats.sort(java.util.Comparator.comparing(SeatItems.SoldState::id));
        return seats;
    }

    private List<StoredSeat> readBlock(Event event, int block) {
        QueryRequest query = seatItems.blockQuery(event, block);
        List<StoredSeat> seats = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            seats.add(SeatItems.storedSeat(item));
        }
        seats.sort(java.util.Comparator.comparing(StoredSeat::id));
        return seats;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
        writers.shutdownNow();
    }
}
