package dev.ticketing.local.paypal;

import java.time.Instant;

/**
 * One POST of a webhook to the listener. {@code status} is the listener's HTTP status, 0 when it could not be
 * reached ({@code error} then says why).
 */
public record WebhookAttempt(String transmissionId, Instant at, int status, String error) {
    public boolean succeeded() {
        return status / 100 == 2;
    }
}
