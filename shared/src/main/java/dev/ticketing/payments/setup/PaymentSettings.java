package dev.ticketing.payments.setup;

import dev.ticketing.payments.model.Payment;

import java.net.URI;

/**
 * Payment configuration from the environment. A provider is enabled when all of its settings are present:
 * PayPal by {@code PAYPAL_BASE_URL}, {@code PAYPAL_CLIENT_ID}, {@code PAYPAL_CLIENT_SECRET},
 * {@code PAYPAL_WEBHOOK_ID}; the card checkout ({@code OTHER}) by {@code CARD_CHECKOUT_BASE_URL},
 * {@code CARD_CHECKOUT_API_KEY}, {@code CARD_CHECKOUT_WEBHOOK_SECRET}. {@code CHECKOUT_RETURN_URL} is the page the
 * buyer comes back to ({@code ?payment=<id>&result=approved|cancelled} is appended); {@code PAYMENTS_QUEUE_URL}
 * is where verified webhooks go. The three secrets come, in AWS, from the Secrets Manager secrets that
 * {@code PAYPAL_CLIENT_SECRET_NAME}, {@code CARD_CHECKOUT_API_KEY_NAME} and {@code CARD_CHECKOUT_WEBHOOK_SECRET_NAME}
 * name (template.yaml passes no secret value); locally as values ({@link PaymentsFactory}).
 */
public record PaymentSettings(String paypalBaseUrl, String paypalClientId, String paypalClientSecret,
                              String paypalWebhookId, String cardBaseUrl, String cardApiKey, String cardWebhookSecret,
                              URI checkoutReturnUrl, String paymentsQueueUrl) {

    public boolean paypalEnabled() {
        return present(paypalBaseUrl) && present(paypalClientId) && present(paypalClientSecret) && present(paypalWebhookId);
    }

    public boolean cardEnabled() {
        return present(cardBaseUrl) && present(cardApiKey) && present(cardWebhookSecret);
    }

    /** Where the provider sends the buyer after approving or giving up. */
    public URI returnUrl(String paymentId, boolean approved) {
        String base = checkoutReturnUrl.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + "payment=" + paymentId
                + "&result=" + (approved ? "approved" : "cancelled"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "PaymentSettings[paypal=" + (paypalEnabled() ? paypalBaseUrl : "off") + ", card="
                + (cardEnabled() ? cardBaseUrl : "off") + ", return=" + checkoutReturnUrl + ", queue=" + paymentsQueueUrl + "]";
    }
}
