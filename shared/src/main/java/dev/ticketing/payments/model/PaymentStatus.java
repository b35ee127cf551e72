package dev.ticketing.payments.model;

/** Where a payment is: PENDING until the provider's facts end it SUCCESS (sold) or FAILED; REFUNDED after a sale. */
public enum PaymentStatus {
    PENDING, SUCCESS, FAILED,
    /**
     * The money went back after the sale: a full refund or a reversal (chargeback) made at the provider. An
     * extension of the seed's PENDING/SUCCESS/FAILED: the tickets are CANCELLED and the seats available again.
     */
    REFUNDED
}
