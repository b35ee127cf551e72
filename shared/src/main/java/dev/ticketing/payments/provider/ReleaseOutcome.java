package dev.ticketing.payments.provider;

/**
 * What releasing an order that will not end in a sale found at the provider ({@link PaymentGateway#release}).
 */
public enum ReleaseOutcome {
    /** The provider released it: an authorization on the buyer's card voided, an unpaid checkout closed for good. */
    VOIDED,
    /**
     * Nothing is held and the provider has nothing to cancel: a PayPal order with intent CAPTURE reserves no money
     * when approved (it moves only at capture, which we never make for it); PayPal lets the order lapse.
     */
    NOTHING_HELD,
    /** The provider does not know the order (any more): nothing is held. */
    UNKNOWN_ORDER,
    /** The money was taken after all: it is not released but must be refunded. */
    CAPTURED
}
