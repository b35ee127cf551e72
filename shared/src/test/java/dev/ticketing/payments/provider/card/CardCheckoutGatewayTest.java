package dev.ticketing.payments.provider.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.payments.provider.CheckoutState;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.provider.WebhookRejectedException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardCheckoutGatewayTest {
    private static final String SESSION_EVENT = "{\"id\":\"evt_1\",\"type\":\"checkout.session.authorized\",\"created\":1,"
            + "\"data\":{\"object\":{\"id\":\"cs_1\",\"object\":\"checkout.session\",\"reference\":\"pay-1\",\"charge\":null}}}";
    private static final String CHARGE_EVENT = "{\"id\":\"evt_2\",\"type\":\"charge.captured\",\"created\":1,"
            + "\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\",\"session\":\"cs_1\",\"reference\":\"pay-1\"}}}";

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private final CheckoutSignature signature = new CheckoutSignature("whsec_test", Duration.ofMinutes(5), clock);
    private final CardCheckoutGateway gateway = new CardCheckoutGateway(
            new CardCheckoutClient(new CardCheckoutConfig(URI.create("http://127.0.0.1:1/card"), "sk", "whsec_test")),
            signature);

    @Test
    void readsSessionAndChargeEventsIntoProviderNeutralOnes() {
        assertThat(gateway.parseEvent(SESSION_EVENT)).isEqualTo(new PaymentEvent(PaymentProvider.OTHER, "evt_1",
                PaymentEvent.Type.APPROVED, "checkout.session.authorized", "cs_1", null, "pay-1"));
        assertThat(gateway.parseEvent(CHARGE_EVENT)).isEqualTo(new PaymentEvent(PaymentProvider.OTHER, "evt_2",
                PaymentEvent.Type.CAPTURE_COMPLETED, "charge.captured", "cs_1", "ch_1", "pay-1"));
    }

    @Test
    void mapsEventTypesAndSessionStates() {
        assertThat(CardCheckoutGateway.typeOf("checkout.session.cancelled")).isEqualTo(PaymentEvent.Type.CANCELLED);
        assertThat(CardCheckoutGateway.typeOf("checkout.session.expired")).isEqualTo(PaymentEvent.Type.CANCELLED);
        assertThat(CardCheckoutGateway.typeOf("charge.failed")).isEqualTo(PaymentEvent.Type.CAPTURE_DENIED);
        assertThat(CardCheckoutGateway.typeOf("charge.refunded")).isEqualTo(PaymentEvent.Type.REFUNDED);
        assertThat(CardCheckoutGateway.typeOf("customer.created")).isEqualTo(PaymentEvent.Type.IGNORED);
        assertThat(CardCheckoutGateway.stateOf("open")).isEqualTo(CheckoutState.AWAITING_BUYER);
        assertThat(CardCheckoutGateway.stateOf("authorized")).isEqualTo(CheckoutState.APPROVED);
        assertThat(CardCheckoutGateway.stateOf("complete")).isEqualTo(CheckoutState.COMPLETED);
        assertThat(CardCheckoutGateway.stateOf("cancelled")).isEqualTo(CheckoutState.CANCELLED);
    }

    @Test
    void verifiesTheSignatureHeaderWhateverItsCase() {
        String header = signature.header(CHARGE_EVENT);
        assertThat(gateway.verifyWebhook(Map.of("checkout-signature", header), CHARGE_EVENT).eventId()).isEqualTo("evt_2");
        assertThat(gateway.verifyWebhook(Map.of("Checkout-Signature", header), CHARGE_EVENT).eventId()).isEqualTo("evt_2");
    }

    @Test
    void refusesUnsignedForgedAndUnreadableDeliveries() {
        assertThatThrownBy(() -> gateway.verifyWebhook(Map.of(), CHARGE_EVENT))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> gateway.verifyWebhook(Map.of("Checkout-Signature", signature.header(SESSION_EVENT)), CHARGE_EVENT))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        String signedJunk = "{\"no\":\"event\"}";
        assertThatThrownBy(() -> gateway.verifyWebhook(Map.of("Checkout-Signature", signature.header(signedJunk)), signedJunk))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void formatsAmountsWithTheCurrencysDecimalsAndNeverRounds() {
        assertThat(CardCheckoutClient.money(new java.math.BigDecimal("40"), "EUR")).isEqualTo("40.00");
        assertThat(CardCheckoutClient.money(new java.math.BigDecimal("1000.50"), "HUF")).isEqualTo("1000.50");
        assertThat(CardCheckoutClient.money(new java.math.BigDecimal("5000"), "JPY")).isEqualTo("5000");
        assertThatThrownBy(() -> CardCheckoutClient.money(new java.math.BigDecimal("1.005"), "EUR"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
