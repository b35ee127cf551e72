package dev.ticketing.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.queues.NamingMessage;
import dev.ticketing.input.Instants;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The event-seats queue ({@code EVENT_SEATS_QUEUE_URL}; template.yaml {@code EventSeatsQueue}): one message
 * {@code {"eventId": "<id>", "askedAt": "<UTC instant>"}} per big event whose seats are to be written, read by
 * EventSeatsFunction.
 *
 * <p>A queue, not the table's stream: a DynamoDB stream shard serves at most two readers at a time without throttling
 * ("More than 2 processes are reading from the same streams shard at the same time. Exceeding this limit may result
 * in request throttling", DynamoDB Streams API, LimitExceededException), and the hold expiry and the seat-map
 * projection are those two. The message is sent before the event is stored, so a request that dies after storing it
 * still leaves it a writer; a message whose event never appears (the request died before storing it, or lost a race
 * on its {@code Idempotency-Key}) is dropped by the writer after {@link EventSeats#STORE_WINDOW}.
 *
 * <p>{@code askedAt} is the asking request's clock, the one the writer measures that window with: SQS's own
 * {@code SentTimestamp} is another clock, and a writer whose clock ran ahead of it (the local stack's test clock, moved
 * forward by an hour) found the window long gone and dropped the start of an event about to be stored.
 */
public class EventSeatsQueue implements EventSeatsTrigger {
    private static final String EVENT_ID = "eventId";
    private static final String ASKED_AT = "askedAt";
    private static final ObjectMapper JSON = new ObjectMapper();
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
    public void start(String eventId, Instant askedAt) {
        if (queueUrl == null || queueUrl.isBlank()) {
            LOG.error("EVENT_SEATS_QUEUE_URL is not set: the seats of event {} cannot be written", eventId);
            throw unavailable();
        }
        try {
            sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(eventId, askedAt)));
        } catch (SdkException e) {
            LOG.error("the seats of event {} could not be queued", eventId, e);
            throw unavailable();
        }
    }

    /** The message that asks, at {@code askedAt}, for event {@code eventId}'s seats. */
    public static String body(String eventId, Instant askedAt) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put(EVENT_ID, eventId);
        message.put(ASKED_AT, Instants.text(askedAt));
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event-seats message", e);
        }
    }

    /**
     * When the request that sent the message asked, by its clock; empty when the body does not say (a message sent
     * before {@code askedAt} existed, or hand-made), and the consumer falls back to the queue's {@code SentTimestamp}.
     */
    public static Optional<Instant> askedAtOf(String body) {
        try {
            JsonNode askedAt = body == null ? null : JSON.readTree(body).get(ASKED_AT);
            return askedAt != null && askedAt.isTextual() ? Optional.of(Instants.parse(askedAt.asText())) : Optional.empty();
        } catch (JsonProcessingException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The event a message of this queue names; empty when the body is not such a message. */
    public static Optional<String> eventIdOf(String body) {
        return NamingMessage.named(body, EVENT_ID);
    }

    private static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("The event's seats cannot be written now; nothing was stored, please try again");
    }
}
