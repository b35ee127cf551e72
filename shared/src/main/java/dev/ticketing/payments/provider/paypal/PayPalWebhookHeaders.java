package dev.ticketing.payments.provider.paypal;

/** The headers PayPal sends with every webhook; verification needs all five. */
public final class PayPalWebhookHeaders {
    public static final String TRANSMISSION_ID = "PAYPAL-TRANSMISSION-ID";
    public static final String TRANSMISSION_TIME = "PAYPAL-TRANSMISSION-TIME";
    public static final String TRANSMISSION_SIG = "PAYPAL-TRANSMISSION-SIG";
    public static final String CERT_URL = "PAYPAL-CERT-URL";
    public static final String AUTH_ALGO = "PAYPAL-AUTH-ALGO";
    /** The only algorithm PayPal signs with. */
    public static final String SHA256_WITH_RSA = "SHA256withRSA";

    private PayPalWebhookHeaders() {
    }
}
