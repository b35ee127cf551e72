package dev.ticketing.local.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.payments.provider.paypal.PayPalCapture;
import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalConfig;
import dev.ticketing.payments.provider.paypal.PayPalOrder;
import dev.ticketing.payments.provider.paypal.PayPalRefund;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockPayPalWebhookTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final URI RETURN_URL = URI.create("http://127.0.0.1:5173/checkout/return");
    private static final URI CANCEL_URL = URI.create("http://127.0.0.1:5173/checkout/cancel");

    private MockPayPalFixture fixture;
    private PayPalClient paypal;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anApprovalIsReportedByASignedWebhook() {
        start(MockPayPalFixture.start());
        PayPalOrder order = createAndApprove("hold-1");

        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);

        assertThat(paypal.verifyWebhookSignature(delivery.headers(), delivery.body())).isTrue();
        PayPalWebhookEvent event = delivery.event();
        assertThat(event.id()).startsWith("WH-");
        assertThat(event.resourceType()).isEqualTo("checkout-order");
        assertThat(event.orderId()).isEqualTo(order.id());
        assertThat(event.customId()).isEqualTo("hold-1");
        assertThat(event.resource().path("status").asText()).isEqualTo("APPROVED");
        assertThat(event.createTime()).isNotNull();
    }

    @Test
    void aCaptureIsReportedByASignedWebhook() {
        start(MockPayPalFixture.start());
        PayPalOrder order = createAndApprove("hold-1");
        PayPalCapture capture = paypal.captureOrder(order.id(), "capture-hold-1");

        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED);

        assertThat(paypal.verifyWebhookSignature(delivery.headers(), delivery.body())).isTrue();
        PayPalWebhookEvent event = delivery.event();
        assertThat(event.resourceType()).isEqualTo("capture");
        assertThat(event.orderId()).isEqualTo(order.id());
        assertThat(event.captureId()).isEqualTo(capture.captureId());
        assertThat(event.customId()).isEqualTo("hold-1");
        assertThat(event.resource().path("amount").path("value").asText()).isEqualTo("49.00");
    }

    @Test
    void aRefundIsReportedByASignedWebhook() {
        start(MockPayPalFixture.start());
        PayPalOrder order = createAndApprove("hold-1");
        PayPalCapture capture = paypal.captureOrder(order.id(), "capture-hold-1");
        PayPalRefund refund = paypal.refundCapture(capture.captureId(), new BigDecimal("49.00"), "EUR", "refund-hold-1");

        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED);

        assertThat(paypal.verifyWebhookSignature(delivery.headers(), delivery.body())).isTrue();
        PayPalWebhookEvent event = delivery.event();
        assertThat(event.refundId()).isEqualTo(refund.id());
        assertThat(event.captureId()).isEqualTo(capture.captureId());
        assertThat(event.customId()).isEqualTo("hold-1");
        assertThat(event.orderId()).isNull();
    }

    @Test
    void aTamperedBodyFailsVerification() {
        start(MockPayPalFixture.start());
        createAndApprove("hold-1");
        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);

        String tampered = delivery.body().replace("\"49.00\"", "\"0.01\"");

        assertThat(tampered).isNotEqualTo(delivery.body());
        assertThat(paypal.verifyWebhookSignature(delivery.headers(), tampered)).isFalse();
    }

    @Test
    void aTamperedHeaderFailsVerification() {
        start(MockPayPalFixture.start());
        createAndApprove("hold-1");
        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);

        assertThat(paypal.verifyWebhookSignature(with(delivery, "PAYPAL-TRANSMISSION-TIME", "2020-01-01T00:00:00Z"),
                delivery.body())).isFalse();
        assertThat(paypal.verifyWebhookSignature(with(delivery, "PAYPAL-TRANSMISSION-ID", "6d1c5f3e-0000-0000-0000-000000000000"),
                delivery.body())).isFalse();
        assertThat(paypal.verifyWebhookSignature(with(delivery, "PAYPAL-CERT-URL", "https://attacker.example/cert.pem"),
                delivery.body())).isFalse();
        assertThat(paypal.verifyWebhookSignature(with(delivery, "PAYPAL-TRANSMISSION-SIG", "bm90IGEgc2lnbmF0dXJl"),
                delivery.body())).isFalse();
    }

    @Test
    void missingHeadersOrAForeignBodyFailWithoutThrowing() {
        start(MockPayPalFixture.start());
        createAndApprove("hold-1");
        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
        Map<String, String> withoutSignature = new HashMap<>(delivery.headers());
        withoutSignature.keySet().removeIf(name -> name.equalsIgnoreCase("PAYPAL-TRANSMISSION-SIG"));

        assertThat(paypal.verifyWebhookSignature(withoutSignature, delivery.body())).isFalse();
        assertThat(paypal.verifyWebhookSignature(Map.of(), delivery.body())).isFalse();
        assertThat(paypal.verifyWebhookSignature(delivery.headers(), "not json")).isFalse();
        assertThat(paypal.verifyWebhookSignature(delivery.headers(), null)).isFalse();
    }

    @Test
    void aWebhookSignedForAnotherWebhookIdFailsVerification() {
        start(MockPayPalFixture.start());
        createAndApprove("hold-1");
        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
        PayPalClient otherSubscription = new PayPalClient(new PayPalConfig(fixture.baseUrl,
                MockPayPalFixture.CLIENT_ID, MockPayPalFixture.CLIENT_SECRET, "WH0SOMEONE0ELSE"));

        assertThat(otherSubscription.verifyWebhookSignature(delivery.headers(), delivery.body())).isFalse();
    }

    @Test
    void theCertUrlServesTheSigningKey() {
        start(MockPayPalFixture.start());
        createAndApprove("hold-1");
        WebhookReceiver.Delivery delivery = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
        String certUrl = header(delivery, "PAYPAL-CERT-URL");

        HttpResponse<String> cert = fixture.send(HttpRequest.newBuilder(URI.create(certUrl)).GET().build());

        assertThat(certUrl).startsWith(fixture.baseUrl + "/v1/notifications/certs/CERT-");
        assertThat(header(delivery, "PAYPAL-AUTH-ALGO")).isEqualTo("SHA256withRSA");
        assertThat(cert.statusCode()).isEqualTo(200);
        assertThat(cert.body()).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(fixture.paypal.publicKeyPem());
    }

    @Test
    void deliveryIsRetriedUntilTheListenerAnswers200() {
        start(MockPayPalFixture.start(mock -> mock.webhookRetryDelays(
                List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200)))));
        fixture.receiver.failNext(2);
        createAndApprove("hold-1");

        WebhookReceiver.Delivery accepted = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);

        List<WebhookReceiver.Delivery> deliveries = fixture.receiver.deliveries();
        assertThat(deliveries).extracting(WebhookReceiver.Delivery::answeredWith).containsExactly(500, 500, 200);
        assertThat(deliveries).extracting(d -> d.event().id()).containsOnly(accepted.event().id());
        assertThat(deliveries).extracting(d -> header(d, "PAYPAL-TRANSMISSION-ID")).doesNotHaveDuplicates();
        assertThat(paypal.verifyWebhookSignature(accepted.headers(), accepted.body())).isTrue();
        SentWebhook sent = fixture.paypal.sentWebhooks().get(0);
        assertThat(sent.attempts()).extracting(WebhookAttempt::status).containsExactly(500, 500, 200);
        assertThat(sent.delivered()).isTrue();
    }

    @Test
    void deliveryGivesUpAfterTheLastRetry() {
        start(MockPayPalFixture.start(mock -> mock.webhookRetryDelays(List.of(Duration.ofMillis(20), Duration.ofMillis(20)))));
        fixture.receiver.failNext(100);
        createAndApprove("hold-1");

        await().atMost(DEADLINE).until(() -> fixture.paypal.sentWebhooks().get(0).attempts().size() == 3);

        // the attempt count is final: nothing is scheduled after the last retry
        assertThat(fixture.paypal.sentWebhooks().get(0).delivered()).isFalse();
        assertThat(fixture.receiver.deliveries()).hasSize(3);
    }

    @Test
    void aRedeliveredEventKeepsItsIdAndStillVerifies() {
        start(MockPayPalFixture.start());
        createAndApprove("hold-1");
        WebhookReceiver.Delivery first = awaitAccepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);

        fixture.paypal.redeliver(first.event().id());

        await().atMost(DEADLINE).until(() -> fixture.receiver.accepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED).size() == 2);
        WebhookReceiver.Delivery second = fixture.receiver.accepted(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED).get(1);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(header(second, "PAYPAL-TRANSMISSION-ID")).isNotEqualTo(header(first, "PAYPAL-TRANSMISSION-ID"));
        assertThat(paypal.verifyWebhookSignature(second.headers(), second.body())).isTrue();
    }

    private void start(MockPayPalFixture started) {
        fixture = started;
        paypal = fixture.client();
    }

    private PayPalOrder createAndApprove(String holdId) {
        PayPalOrder order = paypal.createOrder("create-" + holdId, "event-7", holdId, new BigDecimal("49"), "EUR",
                RETURN_URL, CANCEL_URL);
        fixture.paypal.approve(order.id());
        return order;
    }

    private WebhookReceiver.Delivery awaitAccepted(String eventType) {
        await().atMost(DEADLINE).until(() -> !fixture.receiver.accepted(eventType).isEmpty());
        return fixture.receiver.accepted(eventType).get(0);
    }

    private static Map<String, String> with(WebhookReceiver.Delivery delivery, String header, String value) {
        Map<String, String> headers = new HashMap<>(delivery.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(header));
        headers.put(header, value);
        return headers;
    }

    private static String header(WebhookReceiver.Delivery delivery, String name) {
        return delivery.headers().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
    }
}
