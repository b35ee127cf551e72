package dev.ticketing.eventseats;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.ticketing.events.EventSeats;
import dev.ticketing.events.EventSeatsQueue;
import dev.ticketing.events.model.Event;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.QueueMessages;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.logging.LogFields;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-seats queue (template.yaml {@code EventSeatsQueue}; {@link EventSeatsQueue}): each message names a big
 * event the API asked to be written. Each is finished by {@link EventSeats#completeStarted}: the event is waited for
 * if the request that asked has not stored it yet, its seats written and the event put ON_SALE, waiting up to
 * {@link #PATIENCE} for a writer that still holds the lease (a redelivery after a writer died, a retried POST). A
 * message that fails (the event is then FAILED, with a reason) is reported as a batch item failure, so SQS delivers it
 * again after the queue's visibility timeout, and after {@code maxReceiveCount} moves it to the dead-letter queue.
 *
 * <p>SnapStart: {@link #priming} takes a message naming an event that does not exist, sent long ago, which reads the
 * event, finds nothing and writes nothing.
 */
public class EventSeatsHandler extends TicketingHandler<SQSEvent, SQSBatchResponse> {
    /** A little longer than a creation lease lasts: a dead writer's lease has run out by then. */
    static final Duration PATIENCE = Duration.ofSeconds(65);
    /** The attribute SQS gives every message: when it was sent, in epoch milliseconds. */
    private static final String SENT_TIMESTAMP = "SentTimestamp";
    private static final Logger LOG = LoggerFactory.getLogger(EventSeatsHandler.class);

    @Inject
    EventSeats eventSeats;

    /** For Lambda. */
    public EventSeatsHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public EventSeatsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("message naming an unknown event",
                        () -> QueueMessages.requireNoFailures(execute(sample(Priming.NO_SUCH_ID))));
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent batch, CurrentInvocation invocation) {
        return QueueMessages.each(batch, this::complete);
    }

    /** True when the message is done with (the event finished, or nothing to do); false to have it delivered again. */
    private boolean complete(SQSMessage message) {
        Optional<String> eventId = EventSeatsQueue.eventIdOf(message.getBody());
        if (eventId.isEmpty()) {
            // no delivery of it can ever name an event: counted as done rather than retried into the dead-letter queue
            LOG.error("message {} is not an event-seats message; dropped", message.getMessageId());
            return true;
        }
        try (LogFields.Scope fields = LogFields.scope()) {
            fields.put(LogFields.EVENT_ID, eventId.get());
            try {
                long started = System.nanoTime();
                Optional<Event> done = eventSeats.completeStarted(eventId.get(), askedAt(message), PATIENCE);
                if (done.isEmpty()) {
                    LOG.warn("message {} names event {}, which was never stored; dropped", message.getMessageId(),
                            eventId.get());
                } else {
                    LOG.info("event {}: {} seats, {} after {} ms", eventId.get(), done.get().seatCount(),
                            done.get().status(), (System.nanoTime() - started) / 1_000_000);
                }
                return true;
            } catch (RuntimeException e) {
                LOG.warn("could not write the seats of event {}; message {} goes back to the queue", eventId.get(),
                        message.getMessageId(), e);
                return false;
            }
        }
    }

    /**
     * When the start was asked, by the asking request's clock ({@link EventSeatsQueue#askedAtOf}); for a message that
     * does not say, when SQS says it was sent; the epoch when neither says (a hand-made event): then nothing is waited
     * for.
     */
    private static Instant askedAt(SQSMessage message) {
        Optional<Instant> asked = EventSeatsQueue.askedAtOf(message.getBody());
        if (asked.isPresent()) {
            return asked.get();
        }
        Map<String, String> attributes = message.getAttributes();
        String sent = attributes == null ? null : attributes.get(SENT_TIMESTAMP);
        try {
            return sent == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }

    /** A batch of one message naming event {@code eventId}, sent long ago (what SnapStart priming sends). */
    static SQSEvent sample(String eventId) {
        SQSEvent batch = QueueMessages.sample(EventSeatsQueue.body(eventId, Instant.EPOCH));
        batch.getRecords().get(0).setAttributes(Map.of(SENT_TIMESTAMP, "0"));
        return batch;
    }
}
