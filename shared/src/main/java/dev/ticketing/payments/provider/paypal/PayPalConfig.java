package dev.ticketing.payments.provider.paypal;

import java.net.URI;

/**
 * Where PayPal is and who we are to it. {@code baseUrl} is the REST root ({@link #SANDBOX}, {@link #LIVE}, or
 * the local stack's mock such as {@code http://127.0.0.1:3000/mock-paypal}); {@code webhookId} is the id PayPal
 * gave the webhook subscription, which is part of every webhook signature.
 */
public record PayPalConfig(URI baseUrl, String clientId, String clientSecret, String webhookId) {
    public static final URI SANDBOX = URI.create("https://api-m.sandbox.paypal.com");
    public static final URI LIVE = URI.create("https://api-m.paypal.com");

    public PayPalConfig {
        if (baseUrl == null || !baseUrl.isAbsolute()
                || !("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("PayPal base URL must be an absolute http(s) URL");
        }
        requireText(clientId, "PayPal client id");
        requireText(clientSecret, "PayPal client secret");
        requireText(webhookId, "PayPal webhook id");
        // paths are appended to it, so one spelling with and one without the slash must mean the same
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        baseUrl = URI.create(text);
    }

    /** {@code path} starts with a slash, e.g. {@code /v2/checkout/orders}. */
    URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    /** The secret must not end up in logs through a record's generated toString. */
    @Override
    public String toString() {
        return "PayPalConfig[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***, webhookId="
                + webhookId + "]";
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
