package dev.ticketing.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * A DynamoDB stream batch as the stream functions run it: every record tried, in order; a record not done is reported as a batch item failure ({@code ReportBatchItemFailures}), so the event source
 * mapping tries it again while the rest of the batch counts as done.
 */
public final class StreamRecords {
    /** What a function does with one record: true when done (or nothing to do), false to have it retried. */
    @FunctionalInterface
    public interface RecordHandler {
        boolean handle(DynamodbStreamRecord record);
    }

    private StreamRecords() {
    }

    public static StreamsEventResponse each(DynamodbEvent event, RecordHandler handler) {
        List<BatchItemFailure> failures = new ArrayList<>();
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbStreamRecord record : records) {
            if (!handler.handle(record)) {
                failures.add(new BatchItemFailure(record.getDynamodb().getSequenceNumber()));
            }
        }
        return new StreamsEventResponse(failures);
    }

    /**
     * Throws when a stream handler's answer reports any record as failed: how a SnapStart priming step learns that its
     * sample batch did not go through.
     *
     * @throws IllegalStateException naming the failed records' sequence numbers
     */
    public static void requireNoFailures(StreamsEventResponse answer) {
        if (!answer.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("records failed: " + answer.getBatchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
        }
    }
}
