package dev.ticketing.allocator;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.ticketing.holds.allocation.AllocationQueue;
import dev.ticketing.holds.allocation.EventAllocator;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.QueueMessages;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.logging.LogFields;
import dev.ticketing.problems.NotFoundException;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocation queue (template.yaml {@code AllocationQueue}; {@link AllocationQueue}): each message asks for one
 * event's best-available requests to be placed, which {@link EventAllocator#run} does until the event's queue is
 * empty. Several messages for one event in a batch run it once. A run that fails is reported as a batch item failure:
 * the message comes back, and the requests stay queued meanwhile (their polls ask again once the lease runs out). A
 * message naming an event that does not exist is dropped.
 *
 * <p>SnapStart: {@link #priming} sends a message naming an event that does not exist, which reads the event, finds
 * nothing and writes nothing.
 */
public class AllocatorHandler extends TicketingHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(AllocatorHandler.class);

    @Inject
    EventAllocator allocator;

    /** For Lambda. */
    public AllocatorHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public AllocatorHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("message naming an unknown event", () -> QueueMessages.requireNoFailures(
                        execute(QueueMessages.sample(AllocationQueue.body(Priming.NO_SUCH_ID)))));
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent batch, CurrentInvocation invocation) {
        Map<String, Boolean> ran = new HashMap<>();
        return QueueMessages.each(batch, message -> {
            Optional<String> eventId = AllocationQueue.eventIdOf(message.getBody());
            if (eventId.isEmpty()) {
                // no delivery of it can ever name an event: counted as done rather than retried into the dead-letter queue
                LOG.error("message {} is not an allocation message; dropped", message.getMessageId());
                return true;
            }
            return ran.computeIfAbsent(eventId.get(), id -> run(id, message));
        });
    }

    /** True when the event's queue was placed (or the event does not exist); false to have the message again. */
    private boolean run(String eventId, SQSMessage message) {
        try (LogFields.Scope fields = LogFields.scope()) {
            fields.put(LogFields.EVENT_ID, eventId);
            try {
                allocator.run(eventId);
                return true;
            } catch (NotFoundException unknown) {
                LOG.warn("message {} names event {}, which does not exist; dropped", message.getMessageId(), eventId);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("the allocator of event {} failed; message {} comes back", eventId, message.getMessageId(), e);
                return false;
            }
        }
    }
}
