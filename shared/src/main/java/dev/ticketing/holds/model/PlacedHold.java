package dev.ticketing.holds.model;

/**
 * A placed hold, how many picks it took, and whether it is the answer to an earlier request with the same key; or,
 * for a best-available request not placed within the wait ({@code BEST_AVAILABLE_WAIT}), only {@code pendingRequest},
 * the id under which its outcome is polled ({@code hold} null).
 */
public record PlacedHold(Hold hold, int attempts, boolean replayed, String pendingRequest) {
    public PlacedHold(Hold hold, int attempts, boolean replayed) {
        this(hold, attempts, replayed, null);
    }

    /** A best-available request still in its event's queue. */
    public static PlacedHold pending(String requestId) {
        return new PlacedHold(null, 0, false, requestId);
    }

    public boolean isPending() {
        return pendingRequest != null;
    }
}
