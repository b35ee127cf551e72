package dev.ticketing.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.problems.ServiceUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The event-cancellation queue ({@code EVENT_CANCELLATION_QUEUE_URL}; template.yaml {@code EventCancellationQueue}):
 * one message per {@link CancellationStep}, {@code {"eventId": "<id>"}} for the start and
 * {@code {"eventId": "<id>", "fromRow": 1, "toRow": 2}} for a page, sent ten at a time (SendMessageBatch). A step that
 * fails goes back to the queue (the visibility timeout is the back-off) and, after the queue's {@code maxReceiveCount},
 * to its dead-letter queue, which is alarmed.
 */
public class CancellationQueue implements CancellationWork {
    private static final String EVENT_ID = "eventId";
    private static final String FROM_ROW = "fromRow";
    private static final String TO_ROW = "toRow";
    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CancellationQueue.class);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /**
     * @param sqs the client, built when first needed
     * @param queueUrl the queue's URL; null or blank makes every {@link #send} a 503 (a deployment fault, logged)
     */
    public CancellationQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<CancellationStep> steps) {
        if (queueUrl == null || queueUrl.isBlank()) {
            LOG.error("EVENT_CANCELLATION_QUEUE_URL is not set: {} cancellation step(s) cannot be queued", steps.size());
            throw unavailable();
        }
        try {
            for (int from = 0; from < steps.size(); from += BATCH) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = from; i < Math.min(steps.size(), from + BATCH); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(body(steps.get(i))).build());
                }
                SendMessageBatchResponse sent = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                if (sent.hasFailed() && !sent.failed().isEmpty()) {
                    LOG.error("{} cancellation step(s) were not queued: {}", sent.failed().size(), sent.failed());
                    throw unavailable();
                }
            }
        } catch (SdkException e) {
            LOG.error("cancellation steps could not be queued", e);
            throw unavailable();
        }
    }

    /** The message of a step. */
    public static String body(CancellationStep step) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put(EVENT_ID, step.eventId());
        if (!step.isStart()) {
            message.put(FROM_ROW, step.fromRow());
            message.put(TO_ROW, step.toRow());
        }
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a cancellation message", e);
        }
    }

    /** The step a message of this queue names; empty when the body is not such a message. */
    public static Optional<CancellationStep> stepOf(String body) {
        try {
            JsonNode message = body == null ? null : JSON.readTree(body);
            JsonNode eventId = message == null ? null : message.get(EVENT_ID);
            if (eventId == null || !eventId.isTextual() || eventId.asText().isBlank()) {
                return Optional.empty();
            }
            JsonNode from = message.get(FROM_ROW);
            JsonNode to = message.get(TO_ROW);
            if (from == null && to == null) {
                return Optional.of(CancellationStep.start(eventId.asText()));
            }
            if (from == null || to == null || !from.canConvertToInt() || !to.canConvertToInt() || !from.isIntegralNumber()
                    || !to.isIntegralNumber() || from.asInt() < 1 || to.asInt() < from.asInt()) {
                return Optional.empty();
            }
            return Optional.of(new CancellationStep(eventId.asText(), from.asInt(), to.asInt()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("The cancellation's work cannot be queued now; repeat the cancel");
    }
}
