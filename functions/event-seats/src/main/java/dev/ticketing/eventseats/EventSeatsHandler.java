package dev.ticketing.eventseats;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ticketing.events.Event;
import dev.ticketing.events.creation.EventSeats;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.HandlerContexts;
import dev.ticketing.lambda.PrimedHandler;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.StreamRecords;
import dev.ticketing.logging.LogFields;
import dev.ticketing.problems.NotFoundException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table's stream, filtered (template.yaml) to event items CREATING without a creation lease: a big event the API
 * wrote first and left to this function, or one a retried {@code POST /events} handed back. Each writes the event's
 * seats and puts it ON_SALE ({@link EventSeats#complete}), waiting up to {@link #PATIENCE} for a writer that still
 * holds the lease (a redelivery after a writer died). A record that fails (the event is then FAILED, with a reason)
 * is reported as a batch item failure, so the event source mapping tries it again: a retry resumes the event.
 *
 * <p>SnapStart: {@link #priming} takes the insert of an event that does not exist, which reads the event, finds
 * nothing and writes nothing.
 */
public class EventSeatsHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse>
        implements PrimedHandler {
    /** A little longer than a creation lease lasts: a dead writer's lease has run out by then. */
    static final Duration PATIENCE = Duration.ofSeconds(65);
    private static final Logger LOG = LoggerFactory.getLogger(EventSeatsHandler.class);

    /** The invocation's Lambda context (Micronaut's own registry of contexts is replaced: it leaked). */
    @Inject
    CurrentInvocation invocation;

    @Inject
    EventSeats eventSeats;

    /** For Lambda. */
    public EventSeatsHandler() {
        Priming.register(this);
    }

    /** For a caller that builds the context, such as the local stack. */
    public EventSeatsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return HandlerContexts.builder();
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("insert of an unknown event", () -> {
                    StreamRecords.requireNoFailures(execute(CreatingEvents.sample(Priming.NO_SUCH_ID)));
                });
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        try (LogFields.Scope fields = LogFields.scope()) {
            invocation.context().ifPresent(lambda -> fields
                    .put(LogFields.REQUEST_ID, lambda.getAwsRequestId()).put(LogFields.FUNCTION, lambda.getFunctionName()));
            return StreamRecords.each(event, this::complete);
        }
    }

    private boolean complete(DynamodbStreamRecord record) {
        Optional<String> eventId = CreatingEvents.eventOf(record);
        if (eventId.isEmpty()) {
            LOG.debug("ignored stream record {} ({}): not an event item", record.getEventID(), record.getEventName());
            return true;
        }
        try (LogFields.Scope fields = LogFields.scope()) {
            fields.put(LogFields.EVENT_ID, eventId.get());
            try {
                long started = System.nanoTime();
                Event done = eventSeats.complete(eventId.get(), PATIENCE);
                LOG.info("event {}: {} seats, {} after {} ms", eventId.get(), done.seatCount(), done.status(),
                        (System.nanoTime() - started) / 1_000_000);
                return true;
            } catch (NotFoundException gone) {
                LOG.warn("stream record {} names event {}, which does not exist: nothing to write", record.getEventID(),
                        eventId.get());
                return true;
            } catch (RuntimeException e) {
                LOG.warn("could not write the seats of event {}; reporting record {} for a retry", eventId.get(),
                        record.getDynamodb().getSequenceNumber(), e);
                return false;
            }
        }
    }
}
