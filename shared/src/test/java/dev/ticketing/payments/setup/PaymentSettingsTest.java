package dev.ticketing.payments.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PaymentSettingsTest {
    @Test
    void aProviderIsEnabledOnlyWhenAllItsSettingsArePresent() {
        PaymentSettings all = new PaymentSettings("https://api-m.sandbox.paypal.com", "id", "secret", "WH1",
                "https://cards.example", "sk", "whsec", URI.create("https://shop.example/checkout"), "q");
        PaymentSettings noSecret = new PaymentSettings("https://api-m.sandbox.paypal.com", "id", " ", "WH1",
                "https://cards.example", "sk", null, URI.create("https://shop.example/checkout"), "q");

        assertThat(all.paypalEnabled()).isTrue();
        assertThat(all.cardEnabled()).isTrue();
        assertThat(noSecret.paypalEnabled()).isFalse();
        assertThat(noSecret.cardEnabled()).isFalse();
        assertThat(all.toString()).doesNotContain("secret").doesNotContain("whsec");
    }

    @Test
    void theBuyerComesBackToTheShopWithThePaymentAndTheOutcome() {
        PaymentSettings settings = new PaymentSettings(null, null, null, null, null, null, null,
                URI.create("https://shop.example/checkout"), null);
        PaymentSettings withQuery = new PaymentSettings(null, null, null, null, null, null, null,
                URI.create("https://shop.example/?lang=en"), null);

        assertThat(settings.returnUrl("p1", true)).hasToString("https://shop.example/checkout?payment=p1&result=approved");
        assertThat(settings.returnUrl("p1", false)).hasToString("https://shop.example/checkout?payment=p1&result=cancelled");
        assertThat(withQuery.returnUrl("p1", true)).hasToString("https://shop.example/?lang=en&payment=p1&result=approved");
    }
}
