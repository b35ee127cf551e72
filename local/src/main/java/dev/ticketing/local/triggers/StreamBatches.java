package dev.ticketing.local.triggers;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an event source mapping hands a shard's records to its function, as Lambda does for DynamoDB streams:
 * records that pass the filter, in order, in batches of at most {@code BatchSize}. A batch is done when the function
 * returns without batch item failures. Otherwise it is retried, with a growing pause, from the first record the
 * function reported (ReportBatchItemFailures), or whole after an error, which first splits it in two when
 * {@code BisectBatchOnFunctionError} is on (each half keeps the retries left). Once {@code MaximumRetryAttempts}
 * retries have failed, what is left goes to the {@code OnFailure} destination (shard and sequence numbers, as Lambda
 * sends them) and the shard moves on; with no destination it is logged as an error. Never silently dropped.
 */
final class StreamBatches {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBatches.class);

    /** An event source mapping's settings that decide delivery (template.yaml's event properties). */
    record Settings(String functionId, String streamArn, int batchSize, boolean reportBatchItemFailures,
                    boolean bisectOnError, int maximumRetryAttempts, long firstRetryDelayMillis, long maxRetryDelayMillis) {
    }

    private sealed interface Outcome {
    }

    private record Done() implements Outcome {
    }

    private record FailedFrom(int index, String reason) implements Outcome {
    }

    private record Threw(Throwable error) implements Outcome {
    }

    private final Settings settings;
    private final StreamFilter filter;
    private final Function<List<ObjectNode>, Object> invoker;
    private final Consumer<String> onFailure;

    /**
     * {@code invoker} runs the function on a batch of records (in Lambda's JSON shape); {@code onFailure} takes the
     * failure record of a batch whose retries are exhausted, or is null when the mapping has no destination.
     */
    StreamBatches(Settings settings, StreamFilter filter, Function<List<ObjectNode>, Object> invoker, Consumer<String> onFailure) {
        this.settings = settings;
        this.filter = filter;
        this.invoker = invoker;
        this.onFailure = onFailure;
    }

    /** Delivers these records of one shard (what one GetRecords returned), returning once all are done or given up. */
    void deliver(String shardId, List<ObjectNode> records) {
        List<ObjectNode> matching = records.stream().filter(filter::matches).toList();
        for (int from = 0; from < matching.size(); from += settings.batchSize()) {
            deliverBatch(shardId, matching.subList(from, Math.min(matching.size(), from + settings.batchSize())),
                    settings.maximumRetryAttempts());
        }
    }

    private void deliverBatch(String shardId, List<ObjectNode> batch, int retriesLeft) {
        int invocations = 0;
        while (true) {
            Outcome outcome = invoke(batch);
            invocations++;
            if (outcome instanceof Done) {
                return;
            }
            if (outcome instanceof Threw && settings.bisectOnError() && batch.size() > 1) {
                int half = batch.size() / 2;
                LOG.warn("{}: batch of {} records failed; splitting it in two", settings.functionId(), batch.size());
                deliverBatch(shardId, batch.subList(0, half), retriesLeft);
                deliverBatch(shardId, batch.subList(half, batch.size()), retriesLeft);
                return;
            }
            List<ObjectNode> rest = outcome instanceof FailedFrom failed ? batch.subList(failed.index(), batch.size()) : batch;
            String reason = outcome instanceof FailedFrom failed ? failed.reason() : "function error";
            if (retriesLeft == 0) {
                giveUp(shardId, rest, invocations, reason);
                return;
            }
            if (retriesLeft > 0) {
                retriesLeft--;
            }
            LOG.warn("{}: {} of {} records to retry ({}); retries left: {}", settings.functionId(), rest.size(),
                    batch.size(), reason, retriesLeft < 0 ? "unlimited" : retriesLeft);
            pause(invocations);
            batch = rest;
        }
    }

    private Outcome invoke(List<ObjectNode> batch) {
        Object response;
        try {
            response = invoker.apply(batch);
        } catch (CancellationException stopping) {
            throw stopping;
        } catch (RuntimeException | LinkageError e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("stopped");
            }
            LOG.warn("{} failed on a batch of {} records", settings.functionId(), batch.size(), e);
            return new Threw(e);
        }
        if (!settings.reportBatchItemFailures() || !(response instanceof StreamsEventResponse answer)
                || answer.getBatchItemFailures() == null || answer.getBatchItemFailures().isEmpty()) {
            return new Done();
        }
        int first = batch.size();
        for (StreamsEventResponse.BatchItemFailure failure : answer.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            int index = indexOf(batch, id);
            if (index < 0) {
                // Lambda's rule: a failure it cannot place in the batch fails the whole batch
                return new FailedFrom(0, "unknown batch item failure " + id);
            }
            first = Math.min(first, index);
        }
        return new FailedFrom(first, "batch item failure at " + StreamRecordJson.sequenceNumber(batch.get(first)));
    }

    private static int indexOf(List<ObjectNode> batch, String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (sequenceNumber.equals(StreamRecordJson.sequenceNumber(batch.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private void giveUp(String shardId, List<ObjectNode> rest, int invocations, String reason) {
        String failure = failureRecord(shardId, rest, invocations);
        if (onFailure == null) {
            LOG.error("{}: retries exhausted ({}), no OnFailure destination; records not processed: {}",
                    settings.functionId(), reason, failure);
            return;
        }
        LOG.error("{}: retries exhausted ({}); sending the batch's place in the stream to its OnFailure destination: {}",
                settings.functionId(), reason, failure);
        try {
            onFailure.accept(failure);
        } catch (RuntimeException e) {
            LOG.error("{}: could not send to the OnFailure destination; records not processed: {}", settings.functionId(),
                    failure, e);
        }
    }

    /** What Lambda sends an on-failure destination for a stream batch: where the records are, not the records. */
    String failureRecord(String shardId, List<ObjectNode> records, int invocations) {
        JsonNode first = records.get(0).path("dynamodb");
        JsonNode last = records.get(records.size() - 1).path("dynamodb");
        ObjectNode json = StreamRecordJson.JSON.createObjectNode();
        json.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .put("functionArn", "arn:aws:lambda:" + LocalTriggers.REGION + ":" + LocalTriggers.ACCOUNT + ":function:"
                        + settings.functionId())
                .put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", invocations);
        json.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
        json.put("version", "1.0");
        json.put("timestamp", Instant.now().toString());
        json.putObject("DDBStreamBatchInfo")
                .put("shardId", shardId)
                .put("startSequenceNumber", first.path("SequenceNumber").asText())
                .put("endSequenceNumber", last.path("SequenceNumber").asText())
                .put("approximateArrivalOfFirstRecord", Instant.ofEpochSecond(first.path("ApproximateCreationDateTime").asLong()).toString())
                .put("approximateArrivalOfLastRecord", Instant.ofEpochSecond(last.path("ApproximateCreationDateTime").asLong()).toString())
                .put("batchSize", records.size())
                .put("streamArn", settings.streamArn());
        return json.toString();
    }

    private void pause(int invocations) {
        long delay = Math.min(settings.maxRetryDelayMillis(),
                settings.firstRetryDelayMillis() << Math.min(20, invocations - 1));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("stopped");
        }
    }
}
