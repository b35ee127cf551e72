package dev.ticketing.holds.allocation;

import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.queues.NamingMessage;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The allocation queue ({@code ALLOCATION_QUEUE_URL}; template.yaml {@code AllocationQueue}): one message
 * {@code {"eventId": "<id>"}} asks AllocatorFunction to place that event's queued best-available requests.
 *
 * <p>A queue rather than the table's stream: a stream shard serves two readers without throttling (the hold expiry and
 * the seat-map projection), and a queue's consumer has a concurrency of its own (reserved, so an on-sale's API load
 * cannot starve it). A message is sent only when the event's lease looks free, so a rush sends a handful, not one per
 * request.
 */
public class AllocationQueue implements AllocationTrigger {
    private static final String EVENT_ID = "eventId";
    private static final Logger LOG = LoggerFactory.getLogger(AllocationQueue.class);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /**
     * @param sqs the client, built when first needed
     * @param queueUrl the queue's URL; null or blank makes every {@link #start} a 503 (a deployment fault, logged)
     */
    public AllocationQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void start(String eventId) {
        if (queueUrl == null || queueUrl.isBlank()) {
            LOG.error("ALLOCATION_QUEUE_URL is not set: the best-available requests of event {} cannot be placed", eventId);
            throw new ServiceUnavailableException("best-available-busy", "Best available is not running",
                    "No seats can be chosen for you right now; nothing was held, please pick seats on the map",
                    Map.of());
        }
        try {
            sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(eventId)));
        } catch (SdkException e) {
            // the request stays queued: the next poll of it looks at the lease and asks again
            LOG.warn("could not ask for the allocator of event {}: {}", eventId, e.toString());
        }
    }

    /** The message that asks for event {@code eventId}'s allocator. */
    public static String body(String eventId) {
        return NamingMessage.body(EVENT_ID, eventId);
    }

    /** The event a message of this queue names; empty when the body is not such a message. */
    public static Optional<String> eventIdOf(String body) {
        return NamingMessage.named(body, EVENT_ID);
    }
}
