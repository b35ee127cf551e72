package dev.ticketing.holds;

/**
 * A hold as stored, beside the hold as users see it: a hold whose time is up reads EXPIRED at once, while
 * storage still says ACTIVE until a release, the sweeper or the TTL stream ends it. {@code paymentId} is the
 * payment in flight for it, if any; {@code paymentGraceUsed} whether starting a payment has already extended it
 * (once per hold).
 */
public record StoredHold(Hold hold, HoldStatus storedStatus, String paymentId, boolean paymentGraceUsed) {
    /** Whether storage still has this hold ACTIVE, so its tickets and seats still need ending. */
    public boolean open() {
        return storedStatus == HoldStatus.ACTIVE;
    }
}
