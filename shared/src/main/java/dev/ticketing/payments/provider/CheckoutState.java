package dev.ticketing.payments.provider;

/** Where a buyer is with a provider order. */
public enum CheckoutState {
    /** Not approved yet: the buyer may still pay or walk away. */
    AWAITING_BUYER,
    /** Approved, the money is not taken yet. */
    APPROVED,
    /** Captured. */
    COMPLETED,
    /** Cancelled by the buyer, voided or expired at the provider: it can no longer be paid. */
    CANCELLED
}
