package dev.ticketing.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS batch as the queue functions run it: every message tried, in order; a message not done is reported as a
 * batch item failure ({@code ReportBatchItemFailures}), so SQS delivers it again while the rest of the batch is deleted.
 * The SQS counterpart of {@link StreamRecords}.
 */
public final class QueueMessages {
    /** What a function does with one message: true when done (or never to be done), false to have it again. */
    @FunctionalInterface
    public interface MessageHandler {
        boolean handle(SQSMessage message);
    }

    private QueueMessages() {
    }

    public static SQSBatchResponse each(SQSEvent batch, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSMessage> messages = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        for (SQSMessage message : messages) {
            if (!handler.handle(message)) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** A batch of one message with {@code body}, as SnapStart priming sends to a queue function. */
    public static SQSEvent sample(String body) {
        SQSMessage message = new SQSMessage();
        message.setMessageId("snapstart-priming");
        message.setBody(body);
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(message));
        return batch;
    }

    /**
     * Throws when a queue handler's answer reports any message as failed: how a SnapStart priming step learns that its
     * sample message did not go through.
     */
    public static void requireNoFailures(SQSBatchResponse answer) {
        if (!answer.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("the sample message failed");
        }
    }
}
