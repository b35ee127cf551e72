package dev.ticketing.local.triggers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The polling half of a DynamoDB event source mapping: one daemon thread reads every shard of the stream (a child
 * shard only once its parent is read to its end, so a key's changes arrive in order), a GetRecords per shard every
 * {@value #POLL_MILLIS} ms, and hands what it reads to {@link StreamBatches}. A shard's position moves on only
 * once its records are delivered (or given up to the on-failure destination). Shards that appear later (DynamoDB
 * rotates them) are found by describing the stream again and read from their start.
 */
final class DynamoDbStreamReader implements AutoCloseable {
    static final long POLL_MILLIS = 250;
    private static final long DESCRIBE_EVERY_MILLIS = 10_000;
    private static final int RECORDS_PER_CALL = 1_000;
    private static final int CALLS_PER_SHARD_PER_POLL = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamReader.class);

    /** Where the reader is in one shard. */
    private static final class Cursor {
        final String shardId;
        final String parentShardId;
        String iterator;
        String lastSequenceNumber;
        ShardIteratorType start;
        boolean finished;

        Cursor(String shardId, String parentShardId, ShardIteratorType start) {
            this.shardId = shardId;
            this.parentShardId = parentShardId;
            this.start = start;
        }
    }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final StreamBatches batches;
    private final String name;
    private final Map<String, Cursor> shards = new LinkedHashMap<>();
    private final ScheduledExecutorService executor;
    private long lastDescribed;
    private volatile boolean stopped;

    private DynamoDbStreamReader(DynamoDbStreamsClient streams, String streamArn, StreamBatches batches, String name) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.batches = batches;
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stream-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts reading: the shards open now from {@code startingPosition} (LATEST: only what is written from now on,
     * positioned before this returns; TRIM_HORIZON: everything the stream still has).
     */
    static DynamoDbStreamReader start(DynamoDbStreamsClient streams, String streamArn, ShardIteratorType startingPosition,
                                      StreamBatches batches, String name) {
        DynamoDbStreamReader reader = new DynamoDbStreamReader(streams, streamArn, batches, name);
        reader.describe(startingPosition);
        for (Cursor cursor : reader.shards.values()) {
            if (!cursor.finished) {
                reader.position(cursor);
            }
        }
        reader.executor.scheduleWithFixedDelay(reader::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return reader;
    }

    private void poll() {
        try {
            if (System.currentTimeMillis() - lastDescribed >= DESCRIBE_EVERY_MILLIS) {
                describe(ShardIteratorType.TRIM_HORIZON);
            }
            for (Cursor cursor : new ArrayList<>(shards.values())) {
                if (stopped) {
                    return;
                }
                if (!cursor.finished && parentDone(cursor)) {
                    read(cursor);
                }
            }
        } catch (CancellationException stopping) {
            // closing
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.warn("reading the stream for {} failed; trying again", name, e);
            }
        }
    }

    /** Learns the stream's shards; a shard seen for the first time starts at {@code start}. */
    private void describe(ShardIteratorType start) {
        String exclusiveStart = null;
        boolean first = shards.isEmpty() && lastDescribed == 0;
        do {
            String from = exclusiveStart;
            StreamDescription description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                if (!shards.containsKey(shard.shardId())) {
                    boolean closed = shard.sequenceNumberRange() != null
                            && shard.sequenceNumberRange().endingSequenceNumber() != null;
                    Cursor cursor = new Cursor(shard.shardId(), shard.parentShardId(), start);
                    // LATEST at start-up: a shard already closed has nothing "from now on"
                    cursor.finished = first && closed && start == ShardIteratorType.LATEST;
                    shards.put(shard.shardId(), cursor);
                }
            }
            exclusiveStart = description.lastEvaluatedShardId();
        } while (exclusiveStart != null);
        lastDescribed = System.currentTimeMillis();
    }

    private boolean parentDone(Cursor cursor) {
        Cursor parent = cursor.parentShardId == null ? null : shards.get(cursor.parentShardId);
        return parent == null || parent.finished;
    }

    private void read(Cursor cursor) {
        for (int call = 0; call < CALLS_PER_SHARD_PER_POLL && !stopped; call++) {
            if (cursor.iterator == null) {
                position(cursor);
                if (cursor.finished) {
                    return;
                }
            }
            GetRecordsResponse page;
            try {
                String iterator = cursor.iterator;
                page = streams.getRecords(b -> b.shardIterator(iterator).limit(RECORDS_PER_CALL));
            } catch (ExpiredIteratorException expired) {
                cursor.iterator = null;
                continue;
            } catch (TrimmedDataAccessException trimmed) {
                LOG.warn("{}: shard {} was trimmed past our position; reading on from the oldest record left", name,
                        cursor.shardId);
                cursor.lastSequenceNumber = null;
                cursor.start = ShardIteratorType.TRIM_HORIZON;
                cursor.iterator = null;
                continue;
            } catch (ResourceNotFoundException gone) {
                LOG.warn("{}: shard {} is gone", name, cursor.shardId);
                cursor.finished = true;
                return;
            }
            List<Record> records = page.records();
            if (!records.isEmpty()) {
                List<ObjectNode> json = records.stream().map(record -> StreamRecordJson.of(record, streamArn)).toList();
                batches.deliver(cursor.shardId, json);
                cursor.lastSequenceNumber = records.get(records.size() - 1).dynamodb().sequenceNumber();
            }
            cursor.iterator = page.nextShardIterator();
            if (cursor.iterator == null) {
                cursor.finished = true;
                lastDescribed = 0;
                return;
            }
            if (records.isEmpty()) {
                return;
            }
        }
    }

    /** A fresh iterator: after the last record delivered, or at the shard's starting position. */
    private void position(Cursor cursor) {
        try {
            cursor.iterator = streams.getShardIterator(b -> {
                b.streamArn(streamArn).shardId(cursor.shardId);
                if (cursor.lastSequenceNumber != null) {
                    b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(cursor.lastSequenceNumber);
                } else {
                    b.shardIteratorType(cursor.start);
                }
            }).shardIterator();
            if (cursor.iterator == null) {
                cursor.finished = true;
            }
        } catch (ResourceNotFoundException gone) {
            cursor.finished = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("{}: the stream reader did not stop within 10 s", name);
        }
    }
}
