package dev.ticketing.events;

import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.queues.NamingMessage;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The event-seats queue ({@code EVENT_SEATS_QUEUE_URL}; template.yaml {@code EventSeatsQueue}): one message
 * {@code {"eventId": "<id>"}} per big event whose seats are to be written, read by EventSeatsFunction.
 *
 * <p>A queue, not the table's stream: a DynamoDB stream shard serves at most two readers at a time without throttling
 * ("More than 2 processes are reading from the same streams shard at the same time. Exceeding this limit may result
 * in request throttling", DynamoDB Streams API, LimitExceededException), and the hold expiry and the seat-map
 * projection are those two. The message is sent before the event is stored, so a request that dies after storing it
 * still leaves it a writer; a message whose event never appears (the request died before storing it, or lost a race
 * on its {@code Idempotency-Key}) is dropped by the writer after {@link EventSeats#STORE_WINDOW}.
 */
public class EventSeatsQueue implements EventSeatsTrigger {
    private static final String EVENT_ID = "eventId";
    private static final Logger LOG = LoggerFactory.getLogger(EventSeatsQueue.class);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /**
     * @param sqs the client, built when first needed: most API instances never create a big event
     * @param queueUrl the queue's URL; null or blank makes every {@link #start} a 503 (a deployment fault, logged)
     */
    public EventSeatsQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void start(String eventId) {
        if (queueUrl == null || queueUrl.isBlank()) {
            LOG.error("EVENT_SEATS_QUEUE_URL is not set: the seats of event {} cannot be written", eventId);
            throw unavailable();
        }
        try {
            sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(eventId)));
        } catch (SdkException e) {
            LOG.error("the seats of event {} could not be queued", eventId, e);
            throw unavailable();
        }
    }

    /** The message that asks for event {@code eventId}'s seats. */
    public static String body(String eventId) {
        return NamingMessage.body(EVENT_ID, eventId);
    }

    /** The event a message of this queue names; empty when the body is not such a message. */
    public static Optional<String> eventIdOf(String body) {
        return NamingMessage.named(body, EVENT_ID);
    }

    private static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("The event's seats cannot be written now; nothing was stored, please try again");
    }
}
