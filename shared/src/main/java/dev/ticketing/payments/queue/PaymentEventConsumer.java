package dev.ticketing.payments.queue;

import dev.ticketing.payments.FinalizePayment;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.setup.PaymentSettings;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import jakarta.inject.Singleton;

/**
 * One message of the payments queue: the provider attribute picks the gateway that reads the body (verified when
 * it was queued), and the finalizer does the rest. Returns when the message is done; throws when it should come
 * back (a poison message keeps throwing until the dead-letter queue takes it).
 */
@Singleton
public class PaymentEventConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentEventConsumer.class);

    private final PaymentGateways gateways;
    private final FinalizePayment finalizer;
    private final SqsClient sqs;
    private final PaymentSettings settings;

    public PaymentEventConsumer(PaymentGateways gateways, FinalizePayment finalizer, SqsClient sqs,
                                PaymentSettings settings) {
        this.gateways = gateways;
        this.finalizer = finalizer;
        this.sqs = sqs;
        this.settings = settings;
    }

    public PaymentEvent consume(String providerAttribute, String body) {
        PaymentProvider provider = PaymentMessages.provider(providerAttribute);
        PaymentEvent event = gateways.require(provider).parseEvent(body);
        finalizer.handle(event);
        return event;
    }

    /**
     * Puts a message the batch had no time left for back on the queue as a new message, so it is handled by a later
     * invocation with a fresh receive count: a slow provider never pushes a healthy message toward the dead-letter
     * queue. Handling is idempotent, so the copy is harmless even if the original comes back too. False when it
     * could not be queued (then the caller reports the original as a batch item failure instead).
     */
    public boolean defer(Map<String, String> attributes, String body) {
        if (settings.paymentsQueueUrl() == null || settings.paymentsQueueUrl().isBlank()) {
            return false;
        }
        try {
            sqs.sendMessage(b -> b.queueUrl(settings.paymentsQueueUrl()).messageBody(body)
                    .messageAttributes(PaymentMessages.attributes(attributes)));
            return true;
        } catch (SdkException e) {
            LOG.warn("could not put a deferred payment message back on the queue: {}", e.toString());
            return false;
        }
    }
}
