package dev.ticketing.payments.queue;

import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentProvider;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The payments queue's message: the provider's raw webhook body as it was verified, with message attributes
 * {@code provider} (which gateway reads it), {@code eventId} (the provider's event id, the same on every delivery
 * of one event: a standard queue has no deduplication, so consumers are idempotent and logs can correlate) and
 * {@code eventType}.
 */
public final class PaymentMessages {
    public static final String PROVIDER = "provider";
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    /** SQS takes 256 KiB per message; provider webhooks are a few KiB. */
    public static final int MAX_BODY_CHARS = 200_000;

    private PaymentMessages() {
    }

    public static Map<String, MessageAttributeValue> attributes(PaymentEvent event) {
        return Map.of(
                PROVIDER, string(event.provider().name()),
                EVENT_ID, string(event.eventId()),
                EVENT_TYPE, string(event.providerType()));
    }

    /** The same string attributes again, for a message put back on the queue as it came. */
    public static Map<String, MessageAttributeValue> attributes(Map<String, String> attributes) {
        java.util.Map<String, MessageAttributeValue> copy = new java.util.HashMap<>();
        attributes.forEach((name, value) -> copy.put(name, string(value)));
        return copy;
    }

    /** The provider named by a message attribute; IllegalArgumentException when missing or unknown. */
    public static PaymentProvider provider(String attribute) {
        if (attribute == null) {
            throw new IllegalArgumentException("the message has no " + PROVIDER + " attribute");
        }
        return PaymentProvider.valueOf(attribute);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value == null ? "-" : value).build();
    }
}
