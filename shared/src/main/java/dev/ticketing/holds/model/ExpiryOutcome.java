package dev.ticketing.holds.model;

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
    /**
     * Out of time but with a payment in flight: cleanup leaves it to the payment's reconciliation, which ends hold and
     * payment together, so that a late approval never captures money for seats that were given back.
     */
    PAYMENT_IN_FLIGHT,
    /** No such hold. */
    UNKNOWN_HOLD
}
