package dev.ticketing.paymentprocessor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.logging.LogFields;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.queue.PaymentEventConsumer;
import dev.ticketing.payments.queue.PaymentMessages;
import dev.ticketing.metrics.BusinessMetrics.Figure;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments queue's consumer (SQS event source mapping with {@code ReportBatchItemFailures}): each message is
 * one verified provider webhook. A message that fails (provider unreachable, a write that keeps colliding, an
 * unknown payment, an unreadable body) is reported as a batch item failure, so SQS delivers it again, and after
 * the queue's maxReceiveCount moves it to the dead-letter queue; the others of the batch are done.
 *
 * <p>Each message is logged with its payment's ids, and what it changed (a sale, a refund, a failure) is counted
 * as a business figure: the payment is read before and after, so a redelivered message counts nothing.
 *
 * <p>SnapStart: {@link #priming} takes an empty batch, reads provider bodies that are no events, and looks up
 * a payment, an order and a hold that cannot exist: no write, no queue send, no provider call.
 */
public class PaymentProcessorHandler extends TicketingHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessorHandler.class);

    @Inject
    PaymentEventConsumer consumer;

    @Inject
    PaymentGateways gateways;

    @Inject
    PaymentReader payments;

    @Inject
    HoldReader holds;

    @Inject
    BusinessMetrics metrics;

    /** For Lambda. */
    public PaymentProcessorHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public PaymentProcessorHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("empty batch", () -> execute(new SQSEvent()))
                .step("provider bodies read", () -> gateways.enabled().forEach(gateway -> {
                    try {
                        gateway.parseEvent("{\"id\":\"" + Priming.NO_SUCH_ID + "\"}");
                    } catch (IllegalArgumentException notAnEvent) {
                        // read and refused, as a body that is no event is
                    }
                }))
                .step("payment, order and hold that do not exist", () -> {
                    payments.find(Priming.NO_SUCH_ID);
                    gateways.enabled().forEach(gateway -> payments.findByOrder(gateway.provider(), Priming.NO_SUCH_ID));
                    holds.find(Priming.NO_SUCH_ID);
                });
    }

    /**
     * Time that must be left to start another message: a message may wait on a provider call (10 s timeout) and a few
     * writes. With less, the rest of the batch is put back on the queue instead of risking the function's timeout,
     * which would redeliver the whole batch and count a receive against every message in it.
     */
    static final long RESERVE_MILLIS = 12_000;

    @Override
    protected SQSBatchResponse handle(SQSEvent batch, CurrentInvocation invocation) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        // the invocation's Lambda context (absent when invoked without one)
        Context context = invocation.context().orElse(null);
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
            try (LogFields.Scope fields = LogFields.scope()) {
                fields.put(LogFields.MESSAGE_ID, message.getMessageId())
                        .put(LogFields.WEBHOOK_EVENT_ID, attribute(message, PaymentMessages.EVENT_ID));
                if (!process(message, fields)) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(message.getMessageId()).build());
                }
            }
        }
        if (deferred > 0) {
            LOG.info("{} message(s) of the batch put back on the queue: too little time left for them", deferred);
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private boolean process(SQSEvent.SQSMessage message, LogFields.Scope fields) {
        try {
            Optional<Payment> before = paymentOf(message);
            before.ifPresent(payment -> fields.put(LogFields.PAYMENT_ID, payment.id())
                    .put(LogFields.HOLD_ID, payment.holdId())
                    .put(LogFields.EVENT_ID, payment.eventId())
                    .put(LogFields.USER_ID, payment.userId())
                    .put(LogFields.PROVIDER_ORDER_ID, payment.providerOrderId()));
            PaymentEvent event = consumer.consume(attribute(message, PaymentMessages.PROVIDER), message.getBody());
            LOG.debug("message {} ({} {}) done", message.getMessageId(), event.provider(), event.eventId());
            before.ifPresent(this::countChanges);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("message {} (event {}, receive {}) failed, SQS will deliver it again: {}", message.getMessageId(),
                    attribute(message, PaymentMessages.EVENT_ID), receiveCount(message), e.toString());
            return false;
        }
    }

    /** The payment the message is about, as it was before; empty when it cannot be told (the consumer decides). */
    private Optional<Payment> paymentOf(SQSEvent.SQSMessage message) {
        try {
            PaymentEvent event = gateways.require(PaymentMessages.provider(attribute(message, PaymentMessages.PROVIDER)))
                    .parseEvent(message.getBody());
            return event.paymentId() != null ? payments.find(event.paymentId())
                    : payments.findByOrder(event.provider(), event.orderId());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Counts what this message changed: the payment's state now against the state before. */
    private void countChanges(Payment before) {
        Optional<Payment> after = payments.find(before.id());
        if (after.isEmpty()) {
            return;
        }
        Map<Figure, Long> figures = new EnumMap<>(Figure.class);
        if (before.status() != PaymentStatus.SUCCESS && after.get().status() == PaymentStatus.SUCCESS) {
            figures.put(Figure.SALES, 1L);
            figures.put(Figure.TICKETS_SOLD, holds.find(before.holdId()).map(hold -> (long) hold.seats().size()).orElse(0L));
        }
        if (before.status() != PaymentStatus.FAILED && after.get().status() == PaymentStatus.FAILED) {
            figures.put(Figure.PAYMENTS_FAILED, 1L);
        }
        boolean refundRecorded = before.refundId() == null && after.get().refundId() != null;
        boolean saleRefunded = before.status() != PaymentStatus.REFUNDED && after.get().status() == PaymentStatus.REFUNDED;
        if (refundRecorded || saleRefunded) {
            figures.put(Figure.REFUNDS, 1L);
        }
        metrics.count(figures);
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
