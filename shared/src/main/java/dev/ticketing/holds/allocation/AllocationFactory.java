package dev.ticketing.holds.allocation;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the API asks for an event's allocator: the allocation queue ({@code ALLOCATION_QUEUE_URL}), unless a test gives its own. */
@Factory
public class AllocationFactory {
    @Singleton
    @Requires(missingBeans = AllocationTrigger.class)
    AllocationTrigger allocationTrigger(BeanProvider<SqsClient> sqs,
                                        @Property(name = "allocation.queue.url") @Nullable String queueUrl) {
        return new AllocationQueue(sqs::get, queueUrl);
    }
}
