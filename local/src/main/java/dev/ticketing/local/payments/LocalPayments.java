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

    private LocalPayments(URI front, MockPayPal paypal, MockCardCheckout card) {
        this.front = front;
        this.paypal = paypal;
        this.card = card;
    }

    /** {@code front} is the HTTP front's base URL, known before it starts (its port is chosen first). */
    public static LocalPayments create(URI front, Clock clock) {
        MockPayPal paypal = MockPayPal.builder()
                .basePath(PAYPAL_PATH)
                .publicBaseUrl(URI.create(front + PAYPAL_PATH))
                .credentials(PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET)
                .webhookId(PAYPAL_WEBHOOK_ID)
                .webhookUrl(URI.create(front + "/webhooks/paypal"))
                .webhookRetryDelays(RETRIES)
                .clock(clock)
                .build();
        MockCardCheckout card = new MockCardCheckout(CARD_PATH, URI.create(front + CARD_PATH), CARD_API_KEY,
                CARD_WEBHOOK_SECRET, URI.create(front + "/webhooks/other"), clock, RETRIES);
        return new LocalPayments(front, paypal, card);
    }

    /** Overrides of template.yaml's parameters, so the functions' environment points at the mocks. */
    public Map<String, Object> templateParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("PayPalBaseUrl", paypal.baseUrl().toString());
        parameters.put("PayPalClientId", PAYPAL_CLIENT_ID);
        parameters.put("PayPalClientSecret", PAYPAL_CLIENT_SECRET);
        parameters.put("PayPalWebhookId", PAYPAL_WEBHOOK_ID);
        parameters.put("CardCheckoutBaseUrl", card.baseUrl().toString());
        parameters.put("CardCheckoutApiKey", CARD_API_KEY);
        parameters.put("CardCheckoutWebhookSecret", CARD_WEBHOOK_SECRET);
        parameters.put("CheckoutReturnUrl", front + "/");
        return parameters;
    }

    public void mountOn(HttpFront httpFront) {
        httpFront.mount(PAYPAL_PATH, paypal);
        httpFront.mount(CARD_PATH, card);
    }

    public MockPayPal paypal() {
        return paypal;
    }

    public MockCardCheckout cardCheckout() {
        return card;
    }

    @Override
    public void close() {
        paypal.close();
        card.close();
    }
}
