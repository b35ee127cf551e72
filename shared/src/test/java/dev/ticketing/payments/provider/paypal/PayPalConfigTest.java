package dev.ticketing.payments.provider.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PayPalConfigTest {
    @Test
    void blankCredentialsAreRefused() {
        URI base = PayPalConfig.SANDBOX;
        assertThatThrownBy(() -> new PayPalConfig(base, " ", "secret", "WH1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayPalConfig(base, "id", "", "WH1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayPalConfig(base, "id", "secret", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayPalConfig(URI.create("/relative"), "id", "secret", "WH1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTrailingSlashMakesNoDifference() {
        PayPalConfig config = new PayPalConfig(URI.create("http://127.0.0.1:3000/mock-paypal/"), "id", "secret", "WH1");

        assertThat(config.resolve("/v2/checkout/orders")).isEqualTo(URI.create("http://127.0.0.1:3000/mock-paypal/v2/checkout/orders"));
    }

    @Test
    void theSecretStaysOutOfLogs() {
        assertThat(new PayPalConfig(PayPalConfig.LIVE, "id", "s3cr3t-value", "WH1").toString()).doesNotContain("s3cr3t-value");
    }
}
