package dev.ticketing.holds;

/**
 * A hold as the payment flow reads it: the hold with its tickets, its stored status, and the payment it has in
 * flight ({@code payment_id} on the hold item; null when none). A PAID hold keeps the id of the payment that paid it.
 */
public record PayableHold(StoredHold stored, String paymentId) {
    /** The hold item's attribute marking the payment in flight. */
    public static final String PAYMENT_ID = "payment_id";

    public Hold hold() {
        return stored.hold();
    }

    public HoldStatus storedStatus() {
        return stored.storedStatus();
    }
}
