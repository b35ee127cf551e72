package dev.ticketing.events;

import java.time.Instant;

/**
 * Starts the writing of a big event's seats outside the request that created it, so that request can answer
 * {@code 202 CREATING} at once: in AWS a message on the event-seats queue (template.yaml {@code EventSeatsQueue}, read
 * by EventSeatsFunction, which calls {@link EventSeats#completeStarted}); see {@link EventSeatsQueue}.
 */
public interface EventSeatsTrigger {
    /**
     * Asks for the seats of event {@code eventId} to be written and the event put ON_SALE. Called before the event is
     * stored (so no stored event is ever left without a writer); the writer waits for the event to appear until
     * {@link EventSeats#STORE_WINDOW} after {@code askedAt}, which is the asking request's clock (the writer's too).
     *
     * @throws dev.ticketing.problems.ServiceUnavailableException the ask could not be made now; nothing was stored
     */
    void start(String eventId, Instant askedAt);
}
