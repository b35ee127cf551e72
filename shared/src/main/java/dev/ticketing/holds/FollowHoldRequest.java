package dev.ticketing.holds;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.holds.allocation.BestAvailableRequests;
import dev.ticketing.holds.model.PlacedHold;
import dev.ticketing.identity.Caller;
import jakarta.inject.Singleton;

/**
 * {@code GET /events/{eventId}/holds/requests/{requestId}}: where a best-available request answered {@code 202}
 * stands. In: the caller and the ids from the 202's {@code Location}. Out, at once: the hold once placed, still
 * {@link PlacedHold#pending} (asking for the event's allocator if its lease has run out), or the refusal thrown as it
 * was recorded (409 {@code not-enough-seats}, 503 {@code best-available-busy} past {@code BEST_AVAILABLE_DEADLINE},
 * ...). 404 for an unknown event or request, or another user's request. Asking again answers the same.
 */
@Singleton
public class FollowHoldRequest {
    private final EventReader events;
    private final BestAvailableRequests requests;

    public FollowHoldRequest(EventReader events, BestAvailableRequests requests) {
        this.events = events;
        this.requests = requests;
    }

    public PlacedHold follow(Caller caller, String eventId, String requestId) {
        return requests.follow(caller, events.get(eventId), requestId);
    }
}
