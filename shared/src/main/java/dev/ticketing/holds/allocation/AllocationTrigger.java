package dev.ticketing.holds.allocation;

/**
 * Asks for an event's allocator to run ({@link EventAllocator#run}) somewhere other than the request that asks: in
 * AWS a message on the allocation queue ({@link AllocationQueue}), read by AllocatorFunction. Asking when an
 * allocator already runs is harmless: the second finds the event's lease taken and stops at once.
 */
public interface AllocationTrigger {
    /**
     * Asks for event {@code eventId}'s queued requests to be placed. Throws
     * {@link dev.ticketing.problems.ServiceUnavailableException} only when the deployment has nowhere to ask (a
     * fault, logged); a single lost ask is repaired by the next poll of a waiting request.
     */
    void start(String eventId);
}
