package dev.ticketing.payments.provider.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PayPalMoneyTest {
    @Test
    void anAmountGetsExactlyTheCurrencysDecimals() {
        assertThat(PayPalMoney.format(new BigDecimal("49"), "EUR")).isEqualTo("49.00");
        assertThat(PayPalMoney.format(new BigDecimal("49.5"), "USD")).isEqualTo("49.50");
        assertThat(PayPalMoney.format(new BigDecimal("1E+3"), "EUR")).isEqualTo("1000.00");
        assertThat(PayPalMoney.format(new BigDecimal("5000"), "JPY")).isEqualTo("5000");
        assertThat(PayPalMoney.format(new BigDecimal("5000.00"), "HUF")).isEqualTo("5000");
    }

    @Test
    void anAmountIsNeverRoundedSilently() {
        assertThatThrownBy(() -> PayPalMoney.format(new BigDecimal("49.001"), "EUR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimals");
        assertThatThrownBy(() -> PayPalMoney.format(new BigDecimal("5000.5"), "JPY"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroNegativeAndUnknownCurrenciesAreRefused() {
        assertThatThrownBy(() -> PayPalMoney.format(BigDecimal.ZERO, "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayPalMoney.format(new BigDecimal("-1"), "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayPalMoney.format(BigDecimal.TEN, "XYZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
