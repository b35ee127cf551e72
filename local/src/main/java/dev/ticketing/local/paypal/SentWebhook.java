package dev.ticketing.local.paypal;

import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import java.util.List;

/**
 * A webhook event the mock emitted, with every delivery attempt so far (retries and redeliveries included).
 * {@code body} is byte for byte what was posted, so a test can tamper with it.
 */
public record SentWebhook(String eventId, String eventType, String body, List<WebhookAttempt> attempts) {
    public SentWebhook {
        attempts = List.copyOf(attempts);
    }

    /** At least one attempt got a 2xx. */
    public boolean delivered() {
        return attempts.stream().anyMatch(WebhookAttempt::succeeded);
    }

    public PayPalWebhookEvent event() {
        return PayPalWebhookEvent.parse(body);
    }
}
