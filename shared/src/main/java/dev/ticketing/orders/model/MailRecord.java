package dev.ticketing.orders.model;

import java.time.Instant;

/**
 * What is known of an order's confirmation mail (docs/delivery.md): when it was handed to the mail service and the
 * id that service gave it (null until then); the sender that holds it now ({@code claim}, until
 * {@code claimUntilMillis}) while it is being sent; how many sends were started; the last failure, if any.
 */
public record MailRecord(Instant sentAt, String messageId, String claim, long claimUntilMillis, int attempts,
                         String lastError) {
    /** Nothing sent or tried yet. */
    public static final MailRecord NONE = new MailRecord(null, null, null, 0, 0, null);

    public boolean sent() {
        return sentAt != null;
    }

    /** True when another sender holds the mail at {@code nowMillis} (its claim has not run out). */
    public boolean claimedAt(long nowMillis) {
        return claim != null && claimUntilMillis > nowMillis;
    }
}
