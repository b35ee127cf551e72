package dev.ticketing.payments.provider;


/**
 * A provider's webhook, provider-neutral. {@code eventId} is the same on every delivery of one event;
 * {@code orderId} is the provider order the event is about (null for events that do not name it);
 * {@code paymentId} is the id we gave the provider with the order (PayPal's custom_id), when the event carries it.
 */
public record PaymentEvent(PaymentProvider provider, String eventId, Type type, String providerType, String orderId,
                           String captureId, String paymentId) {

    public enum Type {
        /** The buyer approved: capture now. */
        APPROVED,
        /** The money moved: sell. */
        CAPTURE_COMPLETED,
        /** The capture failed for good. */
        CAPTURE_DENIED,
        /** The buyer gave up at the provider. */
        CANCELLED,
        /** A refund went through: the provider's facts say how much went back. */
        REFUNDED,
        /** A reversal (chargeback): the provider took the money back. */
        REVERSED,
        /** Nothing to do for us. */
        IGNORED
    }
}
