package dev.ticketing.holds.model;

import java.util.Optional;

/**
 * A hold as stored, beside the hold as users see it: a hold whose time is up reads EXPIRED at once, while
 * storage still says ACTIVE until a release, the sweeper or the TTL stream ends it. {@code paymentId} is the
 * payment in flight for it, if any; {@code paymentGraceUsed} whether starting a payment has already extended it
 * (once per hold); {@code activeHoldSlot} the number of the active-hold slot it claimed, empty when it claimed
 * none (no limit) or was stored before holds named their slot; {@code accountHoldSlot} likewise the number of its
 * slot across events ({@code MAX_OPEN_HOLDS_PER_USER}); {@code comp} whether it is a comp: seats given by the
 * organiser, PAID from the start without a payment.
 */
public record StoredHold(Hold hold, HoldStatus storedStatus, String paymentId, boolean paymentGraceUsed,
                         Optional<Integer> activeHoldSlot, Optional<Integer> accountHoldSlot, boolean comp) {
    /** Whether storage still has this hold ACTIVE, so its tickets and seats still need ending. */
    public boolean open() {
        return storedStatus == HoldStatus.ACTIVE;
    }
}
