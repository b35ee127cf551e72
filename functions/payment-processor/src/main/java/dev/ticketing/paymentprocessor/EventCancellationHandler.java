package dev.ticketing.paymentprocessor;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.ticketing.events.CancellationQueue;
import dev.ticketing.events.CancellationStep;
import dev.ticketing.events.RefundCancelledEvent;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.QueueMessages;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.logging.LogFields;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-cancellation queue (template.yaml {@code EventCancellationQueue}; {@link CancellationQueue}): each message
 * is one bounded step of a cancelled event's work, done by {@link RefundCancelledEvent#handle}. A step that fails (a
 * provider that does not answer, a write that keeps colliding) is reported as a batch item failure, so SQS delivers it
 * again after the queue's visibility timeout (the back-off), and after {@code maxReceiveCount} moves it to the
 * dead-letter queue, which is alarmed; every step is safe to repeat.
 *
 * <p>SnapStart: {@link #priming} takes a step naming an event that does not exist: one read, nothing written.
 */
public class EventCancellationHandler extends TicketingHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(EventCancellationHandler.class);

    @Inject
    RefundCancelledEvent work;

    /** For Lambda. */
    public EventCancellationHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public EventCancellationHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("step naming an unknown event",
                        () -> QueueMessages.requireNoFailures(execute(sample(Priming.NO_SUCH_ID))));
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent batch, CurrentInvocation invocation) {
        return QueueMessages.each(batch, this::done);
    }

    /** True when the step is done (or can never be); false to have it delivered again. */
    private boolean done(SQSMessage message) {
        Optional<CancellationStep> step = CancellationQueue.stepOf(message.getBody());
        if (step.isEmpty()) {
            LOG.error("message {} is not a cancellation step; dropped", message.getMessageId());
            return true;
        }
        try (LogFields.Scope fields = LogFields.scope()) {
            fields.put(LogFields.EVENT_ID, step.get().eventId()).put(LogFields.MESSAGE_ID, message.getMessageId());
            try {
                work.handle(step.get());
                return true;
            } catch (RuntimeException e) {
                LOG.warn("cancellation step {} failed; message {} goes back to the queue: {}", step.get(),
                        message.getMessageId(), e.toString());
                return false;
            }
        }
    }

    /** A batch of one step naming event {@code eventId} (what SnapStart priming sends). */
    static SQSEvent sample(String eventId) {
        return QueueMessages.sample(CancellationQueue.body(CancellationStep.start(eventId)));
    }
}
