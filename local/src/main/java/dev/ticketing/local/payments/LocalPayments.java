package dev.ticketing.local.payments;

import dev.ticketing.local.cardcheckout.MockCardCheckout;
import dev.ticketing.local.http.HttpFront;
import dev.ticketing.local.paypal.MockPayPal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payment providers of the local stack: the mock PayPal at {@code /mock-paypal} and the mock card checkout
 * at {@code /mock-card-checkout}, both on the HTTP front, posting their webhooks to the front's
 * {@code /webhooks/paypal} and {@code /webhooks/other}; and the template parameters that point the functions'
 * real clients at them. Nothing else changes: the code that talks to PayPal's sandbox talks to these.
 */
public final class LocalPayments implements AutoCloseable {
    public static final String PAYPAL_PATH = "/mock-paypal";
    public static final String CARD_PATH = "/mock-card-checkout";
    public static final String PAYPAL_CLIENT_ID = "ticketing-local";
    public static final String PAYPAL_CLIENT_SECRET = "local-secret";
    public static final String PAYPAL_WEBHOOK_ID = "WH-LOCAL-TICKETING";
    public static final String CARD_API_KEY = "sk_local_ticketing";
    public static final String CARD_WEBHOOK_SECRET = "whsec_local_ticketing";
    /** Webhook retries at a local scale: 0.5 s, 1 s, 2 s, ... */
    private static final List<Duration> RETRIES = MockPayPal.DEFAULT_RETRY_DELAYS;

    private final URI front;
    private final MockPayPal paypal;
    private final MockCardCheckout card;
    private final Map<String, Object> paypalParameters;
    private final String paypalSecret;

    private LocalPayments(URI front, MockPayPal paypal, MockCardCheckout card, Map<String, Object> paypalParameters,
                          String paypalSecret) {
        this.front = front;
        this.paypal = paypal;
        this.card = card;
        this.paypalParameters = paypalParameters;
        this.paypalSecret = paypalSecret;
    }

    /** {@code front} is the HTTP front's base URL, known before it starts (its port is chosen first). */
    public static LocalPayments create(URI front, Clock clock) {
        return create(front, clock, null);
    }

    /**
     * As {@link #create(URI, Clock)}, or, with {@code externalPayPal}, with the PayPal at that REST root instead
     * of the built-in mock (which is then not mounted): a mock run by another process that outlives this one (a
     * crash test's driver), or a PayPal sandbox. Its credentials and webhook id are the mock's unless the
     * environment variables {@code PAYPAL_CLIENT_ID}, {@code PAYPAL_CLIENT_SECRET}, {@code PAYPAL_WEBHOOK_ID}
     * give others; its webhooks go to the front's {@code /webhooks/paypal}.
     */
    public static LocalPayments create(URI front, Clock clock, URI externalPayPal) {
        MockCardCheckout card = new MockCardCheckout(CARD_PATH, URI.create(front + CARD_PATH), CARD_API_KEY,
                CARD_WEBHOOK_SECRET, URI.create(front + "/webhooks/other"), clock, RETRIES);
        if (externalPayPal != null) {
            return new LocalPayments(front, null, card, paypalParameters(externalPayPal,
                    environment("PAYPAL_CLIENT_ID", PAYPAL_CLIENT_ID), environment("PAYPAL_WEBHOOK_ID", PAYPAL_WEBHOOK_ID)),
                    environment("PAYPAL_CLIENT_SECRET", PAYPAL_CLIENT_SECRET));
        }
        MockPayPal paypal = MockPayPal.builder()
                .basePath(PAYPAL_PATH)
                .publicBaseUrl(URI.create(front + PAYPAL_PATH))
                .credentials(PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET)
                .webhookId(PAYPAL_WEBHOOK_ID)
                .webhookUrl(URI.create(front + "/webhooks/paypal"))
                .webhookRetryDelays(RETRIES)
                .clock(clock)
                .build();
        return new LocalPayments(front, paypal, card,
                paypalParameters(paypal.baseUrl(), PAYPAL_CLIENT_ID, PAYPAL_WEBHOOK_ID), PAYPAL_CLIENT_SECRET);
    }

    private static Map<String, Object> paypalParameters(URI baseUrl, String clientId, String webhookId) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("PayPalBaseUrl", baseUrl.toString());
        parameters.put("PayPalClientId", clientId);
        parameters.put("PayPalWebhookId", webhookId);
        return parameters;
    }

    private static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Overrides of template.yaml's parameters, so the functions' environment points at the mocks. */
    public Map<String, Object> templateParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.putAll(paypalParameters);
        parameters.put("CardCheckoutBaseUrl", card.baseUrl().toString());
        parameters.put("CheckoutReturnUrl", front + "/");
        return parameters;
    }

    /**
     * The providers' secrets as the functions' configuration properties. In AWS no secret passes through the template:
     * it names Secrets Manager secrets, which the functions read ({@code SecretSource}); locally the values are given.
     */
    public Map<String, Object> secretProperties() {
        return Map.of("paypal.client.secret", paypalSecret,
                "card.checkout.api.key", CARD_API_KEY,
                "card.checkout.webhook.secret", CARD_WEBHOOK_SECRET);
    }

    public void mountOn(HttpFront httpFront) {
        if (paypal != null) {
            httpFront.mount(PAYPAL_PATH, paypal);
        }
        httpFront.mount(CARD_PATH, card);
    }

    /** The built-in mock PayPal; null when the stack uses a PayPal elsewhere ({@code --paypal-url}). */
    public MockPayPal paypal() {
        return paypal;
    }

    public MockCardCheckout cardCheckout() {
        return card;
    }

    @Override
    public void close() {
        if (paypal != null) {
            paypal.close();
        }
        card.close();
    }
}
