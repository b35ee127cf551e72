package dev.ticketing.payments.provider.card;

import java.net.URI;

/**
 * Where the hosted card checkout is and our credentials there: {@code apiKey} authenticates our calls (bearer),
 * {@code webhookSecret} signs its webhooks to us.
 */
public record CardCheckoutConfig(URI baseUrl, String apiKey, String webhookSecret) {
    public CardCheckoutConfig {
        if (baseUrl == null || !baseUrl.isAbsolute()
                || !("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("card checkout base URL must be an absolute http(s) URL");
        }
        if (apiKey == null || apiKey.isBlank() || webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("card checkout API key and webhook secret must not be blank");
        }
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        baseUrl = URI.create(text);
    }

    URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "CardCheckoutConfig[baseUrl=" + baseUrl + ", apiKey=***, webhookSecret=***]";
    }
}
