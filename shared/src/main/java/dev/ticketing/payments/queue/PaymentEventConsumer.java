package dev.ticketing.payments.queue;

import dev.ticketing.payments.PaymentFinalizer;
import dev.ticketing.payments.gateway.PaymentProvider;
import dev.ticketing.payments.gateway.PaymentEvent;
import dev.ticketing.payments.gateway.PaymentGateways;
import jakarta.inject.Singleton;

/**
 * One message of the payments queue: the provider attribute picks the gateway that reads the body (verified when
 * it was queued), and the finalizer does the rest. Returns when the message is done; throws when it should come
 * back (a poison message keeps throwing until the dead-letter queue takes it).
 */
@Singleton
public class PaymentEventConsumer {
    private final PaymentGateways gateways;
    private final PaymentFinalizer finalizer;

    public PaymentEventConsumer(PaymentGateways gateways, PaymentFinalizer finalizer) {
        this.gateways = gateways;
        this.finalizer = finalizer;
    }

    public PaymentEvent consume(String providerAttribute, String body) {
        PaymentProvider provider = PaymentMessages.provider(providerAttribute);
        PaymentEvent event = gateways.require(provider).parseEvent(body);
        finalizer.handle(event);
        return event;
    }
}
