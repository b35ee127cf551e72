package dev.ticketing.payments.model;

/** Why a payment ended FAILED, for programs; {@code failure_reason} says it for people. */
public enum PaymentFailure {
    /** The buyer gave up, here or at the provider, before approving. */
    CANCELLED,
    /** The provider declined the capture. */
    DECLINED,
    /** The provider could not start the checkout. */
    PROVIDER_ERROR,
    /** The money came in after the hold could no longer be sold; it was refunded. */
    TOO_LATE,
    /** The hold ran out (with its payment grace) before the buyer approved; nothing was charged. */
    EXPIRED,
    /** The buyer approved after the hold ran out and its seats had been taken; nothing was charged. */
    SEATS_LOST,
    /**
     * The capture was asked for but the provider never confirmed it before the hold (with its grace and capture
     * window) ran out: it does not know the order any more, or the capture is still pending. Nothing was sold;
     * money that still comes in is refunded.
     */
    UNCONFIRMED,
    /**
     * The buyer approved after the event's sales ended (its {@code salesEnd}, by default its start) or after it was
     * cancelled; nothing was charged.
     */
    SALES_CLOSED
}
