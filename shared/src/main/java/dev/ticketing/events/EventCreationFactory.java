package dev.ticketing.events;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How big events' seats are started (the event-seats queue, {@code EVENT_SEATS_QUEUE_URL}) and where a cancellation's
 * work goes (the event-cancellation queue), unless a test gives its own.
 */
@Factory
public class EventCreationFactory {
    @Singleton
    @Requires(missingBeans = EventSeatsTrigger.class)
    EventSeatsTrigger eventSeatsTrigger(BeanProvider<SqsClient> sqs,
                                        @Property(name = "event.seats.queue.url") @Nullable String queueUrl) {
        return new EventSeatsQueue(sqs::get, queueUrl);
    }

    /** The work of cancellations: the event-cancellation queue ({@code EVENT_CANCELLATION_QUEUE_URL}). */
    @Singleton
    @Requires(missingBeans = CancellationWork.class)
    CancellationWork cancellationWork(BeanProvider<SqsClient> sqs,
                                      @Property(name = "event.cancellation.queue.url") @Nullable String queueUrl) {
        return new CancellationQueue(sqs::get, queueUrl);
    }
}
