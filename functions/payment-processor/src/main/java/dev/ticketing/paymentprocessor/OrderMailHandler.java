package dev.ticketing.paymentprocessor;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.ticketing.config.MailConfig;
import dev.ticketing.delivery.SendOrderMail;
import dev.ticketing.delivery.queue.OrderMailQueue;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.QueueMessages;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.logging.LogFields;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code OrderMailFunction}, the order-mail queue (template.yaml {@code OrderMailQueue}; {@link OrderMailQueue}): each
 * message names an order whose confirmation mail {@link SendOrderMail} sends once. A send that fails (the mail service
 * down or refusing), or a mail another delivery holds right now, is reported as a batch item failure after its next
 * delivery is put off by a delay that doubles with each receive ({@code MAIL_RETRY_BASE} up to {@code MAIL_RETRY_MAX}:
 * the back-off); after the queue's {@code maxReceiveCount} it goes to the dead-letter queue, which is alarmed. A
 * failed send is a retry, not an error of the function: its error rate watches the function itself.
 *
 * <p>SnapStart: {@link #priming} takes a message naming an order that does not exist: one read, nothing written or sent.
 */
public class OrderMailHandler extends TicketingHandler<SQSEvent, SQSBatchResponse> {
    /** The attribute SQS gives every message: how often it was received, this time included. */
    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";
    private static final Logger LOG = LoggerFactory.getLogger(OrderMailHandler.class);

    @Inject
    SendOrderMail mails;

    @Inject
    OrderMailQueue queue;

    @Inject
    MailConfig config;

    /** For Lambda. */
    public OrderMailHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public OrderMailHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("message naming an unknown order",
                        () -> QueueMessages.requireNoFailures(execute(QueueMessages.sample(OrderMailQueue.body("222-222")))));
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent batch, CurrentInvocation invocation) {
        return QueueMessages.each(batch, message -> {
            if (done(message)) {
                return true;
            }
            queue.retryLater(message.getReceiptHandle(), config.retryDelay(receiveCount(message)));
            return false;
        });
    }

    /** True when the message is done with (sent, or never to be sent); false to have it delivered again. */
    private boolean done(SQSMessage message) {
        Optional<String> code = OrderMailQueue.codeOf(message.getBody());
        if (code.isEmpty()) {
            LOG.error("message {} is not an order-mail message; dropped", message.getMessageId());
            return true;
        }
        try (LogFields.Scope fields = LogFields.scope()) {
            fields.put(LogFields.ORDER_CODE, code.get()).put(LogFields.MESSAGE_ID, message.getMessageId());
            try {
                SendOrderMail.Outcome outcome = mails.send(code.get());
                if (outcome == SendOrderMail.Outcome.BUSY) {
                    LOG.info("order {}'s mail is being sent by another delivery; message {} comes back later", code.get(),
                            message.getMessageId());
                    return false;
                }
                return true;
            } catch (RuntimeException e) {
                LOG.warn("order {}'s mail was not sent (receive {}); message {} comes back later: {}", code.get(),
                        receiveCount(message), message.getMessageId(), e.toString());
                return false;
            }
        }
    }

    private static int receiveCount(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        try {
            return attributes == null || attributes.get(RECEIVE_COUNT) == null ? 1
                    : Integer.parseInt(attributes.get(RECEIVE_COUNT));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
