package dev.ticketing.testing;

import dev.ticketing.holds.allocation.AllocationTrigger;
import dev.ticketing.holds.allocation.EventAllocator;
import io.micronaut.context.ApplicationContext;

/**
 * The allocation queue's stand-in for the data layer: asking for an event's allocator runs it at once, in the asking
 * thread, as AllocatorFunction would on the queue's message. So a best-available request made through the data
 * layer is placed before it starts waiting for its answer.
 */
final class AllocatorHere implements AllocationTrigger {
    private volatile ApplicationContext context;

    void runIn(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void start(String eventId) {
        context.getBean(EventAllocator.class).run(eventId);
    }
}
