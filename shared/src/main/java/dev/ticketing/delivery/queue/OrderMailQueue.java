package dev.ticketing.delivery.queue;

import dev.ticketing.config.MailConfig;
import dev.ticketing.queues.NamingMessage;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The order-mail queue ({@code ORDER_MAIL_QUEUE_URL}; template.yaml {@code OrderMailQueue}): one message
 * {@code {"order": "<code>"}} per order whose confirmation mail is to be sent, read by OrderMailFunction. Queued
 * after the sale's commit, never inside it: a queue that does not answer must not fail a sale. What a crash or a
 * refusal here loses, the outbox gets back ({@code MailOutbox}, re-driven by reconciliation).
 */
@Singleton
public class OrderMailQueue {
    private static final String ORDER = "order";
    private static final Logger LOG = LoggerFactory.getLogger(OrderMailQueue.class);

    private final BeanProvider<SqsClient> sqs;
    private final MailConfig config;

    /** @param sqs the client, built when first needed */
    public OrderMailQueue(BeanProvider<SqsClient> sqs, MailConfig config) {
        this.sqs = sqs;
        this.config = config;
    }

    /** Queues order {@code code}'s mail; false (logged) when the queue did not take it: the outbox will. */
    public boolean queue(String code) {
        if (config.queueUrl().isEmpty()) {
            LOG.error("ORDER_MAIL_QUEUE_URL is not set: order {}'s mail waits for the outbox", code);
            return false;
        }
        try {
            sqs.get().sendMessage(b -> b.queueUrl(config.queueUrl().get()).messageBody(body(code)));
            return true;
        } catch (SdkException e) {
            LOG.warn("order {}'s mail could not be queued; the outbox re-drives it: {}", code, e.toString());
            return false;
        }
    }

    /**
     * Puts off the next delivery of a message that failed by {@code delay} (its visibility timeout from now): the
     * back-off between sends. Best effort: if it fails, the message comes back after the queue's own timeout.
     */
    public void retryLater(String receiptHandle, java.time.Duration delay) {
        if (config.queueUrl().isEmpty() || receiptHandle == null) {
            return;
        }
        try {
            sqs.get().changeMessageVisibility(b -> b.queueUrl(config.queueUrl().get()).receiptHandle(receiptHandle)
                    .visibilityTimeout((int) Math.min(delay.toSeconds(), 43_200)));
        } catch (SdkException e) {
            LOG.warn("could not put off a failed mail's retry; it comes back after the queue's timeout: {}", e.toString());
        }
    }

    /** The message that asks for order {@code code}'s mail. */
    public static String body(String code) {
        return NamingMessage.body(ORDER, code);
    }

    /** The order a message of this queue names; empty when the body is not such a message. */
    public static Optional<String> codeOf(String body) {
        return NamingMessage.named(body, ORDER);
    }
}
