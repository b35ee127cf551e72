package dev.ticketing.payments.provider.paypal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.payments.provider.CaptureOutcome;
import dev.ticketing.payments.provider.CheckoutState;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentProvider;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PayPalGatewayTest {
    private final PayPalGateway gateway = new PayPalGateway(new PayPalClient(
            new PayPalConfig(URI.create("http://127.0.0.1:1/paypal"), "id", "secret", "WH1")));

    @Test
    void readsApprovalsAndCapturesIntoProviderNeutralEvents() {
        String approved = "{\"id\":\"WH-1\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\"resource_type\":\"checkout-order\","
                + "\"resource\":{\"id\":\"ORDER1\",\"status\":\"APPROVED\",\"purchase_units\":[{\"reference_id\":\"hold-1\","
                + "\"custom_id\":\"pay-1\"}]}}";
        String captured = "{\"id\":\"WH-2\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource_type\":\"capture\","
                + "\"resource\":{\"id\":\"CAP1\",\"status\":\"COMPLETED\",\"custom_id\":\"pay-1\","
                + "\"supplementary_data\":{\"related_ids\":{\"order_id\":\"ORDER1\"}}}}";

        assertThat(gateway.parseEvent(approved)).isEqualTo(new PaymentEvent(PaymentProvider.PAYPAL, "WH-1",
                PaymentEvent.Type.APPROVED, "CHECKOUT.ORDER.APPROVED", "ORDER1", null, "pay-1"));
        assertThat(gateway.parseEvent(captured)).isEqualTo(new PaymentEvent(PaymentProvider.PAYPAL, "WH-2",
                PaymentEvent.Type.CAPTURE_COMPLETED, "PAYMENT.CAPTURE.COMPLETED", "ORDER1", "CAP1", "pay-1"));
    }

    @Test
    void mapsPayPalsWords() {
        assertThat(PayPalGateway.typeOf("PAYMENT.CAPTURE.DENIED")).isEqualTo(PaymentEvent.Type.CAPTURE_DENIED);
        assertThat(PayPalGateway.typeOf("PAYMENT.CAPTURE.REFUNDED")).isEqualTo(PaymentEvent.Type.REFUNDED);
        assertThat(PayPalGateway.typeOf("PAYMENT.CAPTURE.PENDING")).isEqualTo(PaymentEvent.Type.IGNORED);
        assertThat(PayPalGateway.stateOf("PAYER_ACTION_REQUIRED")).isEqualTo(CheckoutState.AWAITING_BUYER);
        assertThat(PayPalGateway.stateOf("CREATED")).isEqualTo(CheckoutState.AWAITING_BUYER);
        assertThat(PayPalGateway.stateOf("APPROVED")).isEqualTo(CheckoutState.APPROVED);
        assertThat(PayPalGateway.stateOf("COMPLETED")).isEqualTo(CheckoutState.COMPLETED);
        assertThat(PayPalGateway.stateOf("VOIDED")).isEqualTo(CheckoutState.CANCELLED);
        assertThat(PayPalGateway.captureStatus("COMPLETED")).isEqualTo(CaptureOutcome.Status.COMPLETED);
        assertThat(PayPalGateway.captureStatus("PENDING")).isEqualTo(CaptureOutcome.Status.PENDING);
        assertThat(PayPalGateway.captureStatus("DECLINED")).isEqualTo(CaptureOutcome.Status.DECLINED);
    }
}
