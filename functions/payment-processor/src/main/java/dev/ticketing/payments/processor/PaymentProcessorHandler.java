package dev.ticketing.payments.processor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.ticketing.payments.gateway.PaymentEvent;
import dev.ticketing.payments.queue.PaymentEventConsumer;
import dev.ticketing.payments.queue.PaymentMessages;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments queue's consumer (SQS event source mapping with {@code ReportBatchItemFailures}): each message is
 * one verified provider webhook. A message that fails (provider unreachable, a write that keeps colliding, an
 * unknown payment, an unreadable body) is reported as a batch item failure, so SQS delivers it again, and after
 * the queue's maxReceiveCount moves it to the dead-letter queue; the others of the batch are done.
 */
public class PaymentProcessorHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessorHandler.class);

    @Inject
    PaymentEventConsumer consumer;

    public PaymentProcessorHandler() {
        super();
    }

    public PaymentProcessorHandler(ApplicationContext context) {
        super(context);
    }

    /**
     * Time that must be left to start another message: a message may wait on a provider call (10 s timeout) and a few
     * writes. With less, the rest of the batch is put back on the queue instead of risking the function's timeout,
     * which would redeliver the whole batch and count a receive against every message in it.
     */
    static final long RESERVE_MILLIS = 12_000;

    @Override
    public SQSBatchResponse execute(SQSEvent batch) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        // Micronaut registers the invocation's Lambda context as a bean (absent when invoked without one)
        Context context = getApplicationContext().findBean(Context.class).orElse(null);
        int deferred = 0;
        for (SQSEvent.SQSMessage message : records) {
            if (context != null && context.getRemainingTimeInMillis() < RESERVE_MILLIS) {
                if (consumer.defer(stringAttributes(message), message.getBody())) {
                    deferred++;
                } else {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(message.getMessageId()).build());
                }
                continue;
            }
            try {
                PaymentEvent event = consumer.consume(attribute(message, PaymentMessages.PROVIDER), message.getBody());
                LOG.debug("message {} ({} {}) done", message.getMessageId(), event.provider(), event.eventId());
            } catch (RuntimeException e) {
                LOG.warn("message {} (event {}, receive {}) failed, SQS will deliver it again: {}", message.getMessageId(),
                        attribute(message, PaymentMessages.EVENT_ID), receiveCount(message), e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        if (deferred > 0) {
            LOG.info("{} message(s) of the batch put back on the queue: too little time left for them", deferred);
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static Map<String, String> stringAttributes(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = new java.util.HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        return attributes;
    }

    private static String attribute(SQSEvent.SQSMessage message, String name) {
        Map<String, SQSEvent.MessageAttribute> attributes = message.getMessageAttributes();
        SQSEvent.MessageAttribute attribute = attributes == null ? null : attributes.get(name);
        return attribute == null ? null : attribute.getStringValue();
    }

    private static String receiveCount(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null ? "?" : message.getAttributes().getOrDefault("ApproximateReceiveCount", "?");
    }
}
