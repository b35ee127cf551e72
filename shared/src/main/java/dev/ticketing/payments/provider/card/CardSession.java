package dev.ticketing.payments.provider.card;

import java.math.BigDecimal;
import java.net.URI;

/**
 * A hosted checkout session: {@code status} open (waiting for the buyer), authorized (the buyer paid, the money
 * is reserved, capture it), complete (captured), cancelled, expired, or voided (we released it: an authorization
 * on the card is voided, an open session can no longer be paid). {@code chargeId}/{@code chargeStatus}
 * (succeeded, pending, failed) once captured; {@code amount}/{@code currency} the session's total and
 * {@code amountRefunded} how much of the charge went back (zero when none).
 */
public record CardSession(String id, String status, URI url, String reference, String chargeId, String chargeStatus,
                          BigDecimal amount, String currency, BigDecimal amountRefunded) {
    public static final String OPEN = "open";
    public static final String AUTHORIZED = "authorized";
    public static final String COMPLETE = "complete";
    public static final String CANCELLED = "cancelled";
    public static final String EXPIRED = "expired";
    public static final String VOIDED = "voided";
}
