package dev.ticketing.payments.provider.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Bodies shaped like PayPal's published samples for each resource type. */
class PayPalWebhookEventTest {
    private static final String CAPTURE_COMPLETED = """
            {"id":"WH-2CL46544TB770421K-5VB92446WP7345818","create_time":"2022-02-02T00:23:12.336Z",
             "resource_type":"capture","event_type":"PAYMENT.CAPTURE.COMPLETED","summary":"Payment completed for $ 100.0 USD",
             "resource":{"amount":{"value":"100.00","currency_code":"USD"},
               "supplementary_data":{"related_ids":{"order_id":"89T257400V0473133"}},
               "custom_id":"hold-42","final_capture":true,
               "links":[{"method":"GET","rel":"up","href":"https://api.sandbox.paypal.com/v2/checkout/orders/89T257400V0473133"}],
               "id":"29Y24445UY2083144","status":"COMPLETED"},
             "event_version":"1.0","resource_version":"2.0"}""";

    private static final String CAPTURE_REFUNDED = """
            {"id":"WH-1GE84257G0350133W-6RW800890C634293G","create_time":"2022-02-03T10:00:00Z",
             "resource_type":"refund","event_type":"PAYMENT.CAPTURE.REFUNDED","summary":"A $ 100.00 USD capture payment was refunded",
             "resource":{"id":"1Y107995YT783435V","status":"COMPLETED","custom_id":"hold-42",
               "amount":{"value":"100.00","currency_code":"USD"},
               "links":[{"rel":"self","method":"GET","href":"https://api.sandbox.paypal.com/v2/payments/refunds/1Y107995YT783435V"},
                        {"rel":"up","method":"GET","href":"https://api.sandbox.paypal.com/v2/payments/captures/29Y24445UY2083144"}]}}""";

    private static final String ORDER_APPROVED = """
            {"id":"WH-COC11055RA711503B-4YM959094A144403T","create_time":"2022-02-01T23:59:59+00:00",
             "resource_type":"checkout-order","event_type":"CHECKOUT.ORDER.APPROVED","summary":"An order has been approved by buyer",
             "resource":{"id":"89T257400V0473133","intent":"CAPTURE","status":"APPROVED",
               "purchase_units":[{"reference_id":"event-7","custom_id":"hold-42","amount":{"currency_code":"USD","value":"100.00"}}]}}""";

    @Test
    void aCaptureNamesItsOrderInSupplementaryData() {
        PayPalWebhookEvent event = PayPalWebhookEvent.parse(CAPTURE_COMPLETED);

        assertThat(event.id()).isEqualTo("WH-2CL46544TB770421K-5VB92446WP7345818");
        assertThat(event.eventType()).isEqualTo(PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED);
        assertThat(event.createTime()).isEqualTo(Instant.parse("2022-02-02T00:23:12.336Z"));
        assertThat(event.orderId()).isEqualTo("89T257400V0473133");
        assertThat(event.captureId()).isEqualTo("29Y24445UY2083144");
        assertThat(event.customId()).isEqualTo("hold-42");
        assertThat(event.refundId()).isNull();
        assertThat(event.resource().path("amount").path("value").asText()).isEqualTo("100.00");
    }

    @Test
    void aRefundNamesItsCaptureOnlyThroughItsUpLink() {
        PayPalWebhookEvent event = PayPalWebhookEvent.parse(CAPTURE_REFUNDED);

        assertThat(event.refundId()).isEqualTo("1Y107995YT783435V");
        assertThat(event.captureId()).isEqualTo("29Y24445UY2083144");
        assertThat(event.customId()).isEqualTo("hold-42");
        assertThat(event.orderId()).isNull();
    }

    @Test
    void anOrderEventIsAboutTheOrderItself() {
        PayPalWebhookEvent event = PayPalWebhookEvent.parse(ORDER_APPROVED);

        assertThat(event.orderId()).isEqualTo("89T257400V0473133");
        assertThat(event.customId()).isEqualTo("hold-42");
        assertThat(event.captureId()).isNull();
        assertThat(event.createTime()).isEqualTo(Instant.parse("2022-02-01T23:59:59Z"));
    }

    @Test
    void somethingElseIsNotAnEvent() {
        assertThatThrownBy(() -> PayPalWebhookEvent.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayPalWebhookEvent.parse("{\"id\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayPalWebhookEvent.parse("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResourceCannotBeChangedFromOutside() {
        PayPalWebhookEvent event = PayPalWebhookEvent.parse(CAPTURE_COMPLETED);

        ((com.fasterxml.jackson.databind.node.ObjectNode) event.resource()).put("id", "CHANGED");

        assertThat(event.captureId()).isEqualTo("29Y24445UY2083144");
    }
}
