package dev.ticketing.holds;

/** What expiring one hold did. Only {@link #ENDED} changed anything. */
public enum ExpiryOutcome {
    /** The hold was ACTIVE and past its time: it is now EXPIRED, its tickets CANCELLED, its seats given back. */
    ENDED,
    /** Storage already had it RELEASED or EXPIRED (a release, the other trigger, or a repeated event). */
    ALREADY_ENDED,
    /** It is paid: expiry never touches a sale. */
    PAID,
    /** Still ACTIVE and not yet out of time by this function's clock; the sweeper ends it once it is. */
    NOT_DUE,
    /** No such hold. */
    UNKNOWN_HOLD
}
