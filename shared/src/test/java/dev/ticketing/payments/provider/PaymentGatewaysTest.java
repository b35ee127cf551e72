package dev.ticketing.payments.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketing.payments.provider.card.CardCheckoutClient;
import dev.ticketing.payments.provider.card.CardCheckoutConfig;
import dev.ticketing.payments.provider.card.CardCheckoutGateway;
import dev.ticketing.payments.provider.card.CheckoutSignature;
import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalConfig;
import dev.ticketing.payments.provider.paypal.PayPalGateway;
import dev.ticketing.problems.CurrencyNotSupportedException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which providers are offered for a currency: those that take it, as each declares; none is a 422. No provider is called. */
class PaymentGatewaysTest {
    private final PaymentGateway paypal = new PayPalGateway(new PayPalClient(
            new PayPalConfig(URI.create("http://127.0.0.1:9/paypal"), "client", "secret", "webhook")));
    private final PaymentGateway card = new CardCheckoutGateway(new CardCheckoutClient(
            new CardCheckoutConfig(URI.create("http://127.0.0.1:9/card"), "key", "whsec")),
            new CheckoutSignature("whsec", CheckoutSignature.DEFAULT_TOLERANCE, Clock.systemUTC()));

    @Test
    void paypalIsOfferedOnlyForTheCurrenciesOnItsList() {
        PaymentGateways both = new PaymentGateways(List.of(paypal, card));

        assertThat(both.offeredFor("EUR")).containsExactly(paypal, card);
        assertThat(both.offeredFor("JPY")).containsExactly(paypal, card);
        assertThat(both.offeredFor("KWD")).containsExactly(card);
        assertThat(both.offeredFor("BHD")).containsExactly(card);
        assertThat(both.offeredFor("RUB")).containsExactly(card);
        assertThat(paypal.currencies()).hasSize(24).contains("AUD", "BRL", "HUF", "TWD", "USD").doesNotContain("RUB", "KWD");
    }

    @Test
    void aPriceIsCheckedOnlyAgainstTheProvidersOfferedForItsCurrency() {
        PaymentGateways both = new PaymentGateways(List.of(paypal, card));

        assertThat(both.unchargeable(new BigDecimal("12.345"), "KWD")).isEmpty();
        assertThat(both.unchargeable(new BigDecimal("100.25"), "TWD")).get().asString().contains("PayPal");
    }

    @Test
    void aCurrencyNoEnabledProviderTakesIsA422NamingEachProvidersList() {
        PaymentGateways paypalOnly = new PaymentGateways(List.of(paypal));

        CurrencyNotSupportedException refused = catchThrowableOfType(CurrencyNotSupportedException.class,
                () -> paypalOnly.requireOfferedFor("KWD"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.type()).isEqualTo("currency-not-supported");
        assertThat(refused.detail()).contains("KWD").contains("PAYPAL");
        assertThat(refused.extensions()).containsEntry("currency", "KWD");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> lists = (Map<String, List<String>>) refused.extensions().get("providerCurrencies");
        assertThat(lists.get("PAYPAL")).hasSize(24).contains("EUR", "JPY");
        assertThat(paypalOnly.requireOfferedFor("EUR")).containsExactly(paypal);
    }

    @Test
    void aProviderThatDoesNotTakeTheCurrencyCannotBeChosen() {
        PaymentGateways both = new PaymentGateways(List.of(paypal, card));

        CurrencyNotSupportedException refused = catchThrowableOfType(CurrencyNotSupportedException.class,
                () -> both.requireTakes(paypal, "KWD"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.extensions()).containsEntry("providers", List.of("OTHER")).containsEntry("provider", "PAYPAL");
        assertThat(both.requireTakes(card, "KWD")).isSameAs(card);
    }
}
