package dev.ticketing.local.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.payments.provider.paypal.PayPalCapture;
import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalException;
import dev.ticketing.payments.provider.paypal.PayPalOrder;
import dev.ticketing.payments.provider.paypal.PayPalRefund;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockPayPalCheckoutTest {
    private static final URI RETURN_URL = URI.create("http://127.0.0.1:5173/checkout/return?hold=H1");
    private static final URI CANCEL_URL = URI.create("http://127.0.0.1:5173/checkout/cancel");
    private static final BigDecimal PRICE = new BigDecimal("49");

    private final ObjectMapper json = new ObjectMapper();
    private MockPayPalFixture fixture;
    private PayPalClient paypal;

    @BeforeEach
    void start() {
        fixture = MockPayPalFixture.start();
        paypal = fixture.client();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aNewOrderWaitsForTheBuyerAtItsApproveLink() {
        PayPalOrder order = createOrder("hold-1");

        assertThat(order.id()).matches("[A-Z0-9]{17}");
        assertThat(order.status()).isEqualTo(PayPalOrder.PAYER_ACTION_REQUIRED);
        assertThat(order.awaitsBuyer()).isTrue();
        assertThat(order.approveUrl()).isEqualTo(URI.create(fixture.baseUrl + "/checkoutnow?token=" + order.id()));
        assertThat(order.customId()).isEqualTo("hold-1");
        assertThat(order.referenceId()).isEqualTo("event-7");
        assertThat(order.captureId()).isNull();
    }

    @Test
    void theAmountIsSentWithTheCurrencysDecimals() throws Exception {
        PayPalOrder order = createOrder("hold-1");

        JsonNode amount = getOrderJson(order.id()).path("purchase_units").path(0).path("amount");
        assertThat(amount.path("value").asText()).isEqualTo("49.00");
        assertThat(amount.path("currency_code").asText()).isEqualTo("EUR");
    }

    @Test
    void anApprovedOrderIsCapturedOnce() {
        PayPalOrder order = createOrder("hold-1");
        approveByScript(order.id());
        assertThat(paypal.getOrder(order.id()).status()).isEqualTo(PayPalOrder.APPROVED);

        PayPalCapture capture = paypal.captureOrder(order.id(), "capture-" + order.id());

        assertThat(capture.orderId()).isEqualTo(order.id());
        assertThat(capture.isCompleted()).isTrue();
        PayPalOrder completed = paypal.getOrder(order.id());
        assertThat(completed.isCompleted()).isTrue();
        assertThat(completed.captureId()).isEqualTo(capture.captureId());
        assertThat(completed.approveUrl()).isNull();
    }

    @Test
    void aSecondCaptureIsRecognisablyAlreadyCaptured() {
        PayPalOrder order = createOrder("hold-1");
        approveByScript(order.id());
        paypal.captureOrder(order.id(), "capture-1");

        PayPalException again = catchThrowableOfType(PayPalException.class,
                () -> paypal.captureOrder(order.id(), "capture-2"));

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.name()).isEqualTo(PayPalException.UNPROCESSABLE_ENTITY);
        assertThat(again.issue()).isEqualTo(PayPalException.ORDER_ALREADY_CAPTURED);
        assertThat(again.isOrderAlreadyCaptured()).isTrue();
        assertThat(again.isRetryable()).isFalse();
    }

    @Test
    void capturingBeforeTheBuyerApprovedIsOrderNotApproved() {
        PayPalOrder order = createOrder("hold-1");

        PayPalException early = catchThrowableOfType(PayPalException.class,
                () -> paypal.captureOrder(order.id(), "capture-1"));

        assertThat(early.status()).isEqualTo(422);
        assertThat(early.isOrderNotApproved()).isTrue();
        // a refused capture is not remembered: the same request id works once the buyer has approved
        approveByScript(order.id());
        assertThat(paypal.captureOrder(order.id(), "capture-1").isCompleted()).isTrue();
    }

    @Test
    void aRepeatedRequestIdReturnsTheSameOrder() {
        PayPalOrder first = paypal.createOrder("create-hold-1", "event-7", "hold-1", PRICE, "EUR", RETURN_URL, CANCEL_URL);
        PayPalOrder repeat = paypal.createOrder("create-hold-1", "event-7", "hold-1", PRICE, "EUR", RETURN_URL, CANCEL_URL);
        PayPalOrder other = paypal.createOrder("create-hold-2", "event-7", "hold-2", PRICE, "EUR", RETURN_URL, CANCEL_URL);

        assertThat(repeat.id()).isEqualTo(first.id());
        assertThat(other.id()).isNotEqualTo(first.id());
    }

    @Test
    void aRepeatedCaptureOrRefundRequestIdReturnsTheFirstAnswer() {
        PayPalOrder order = createOrder("hold-1");
        approveByScript(order.id());

        PayPalCapture capture = paypal.captureOrder(order.id(), "capture-1");
        PayPalCapture repeatedCapture = paypal.captureOrder(order.id(), "capture-1");
        PayPalRefund refund = paypal.refundCapture(capture.captureId(), PRICE, "EUR", "refund-1");
        PayPalRefund repeatedRefund = paypal.refundCapture(capture.captureId(), PRICE, "EUR", "refund-1");

        assertThat(repeatedCapture).isEqualTo(capture);
        assertThat(repeatedRefund).isEqualTo(refund);
        assertThat(fixture.paypal.sentWebhooks()).extracting(SentWebhook::eventType)
                .containsExactly("CHECKOUT.ORDER.APPROVED", "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.REFUNDED");
    }

    @Test
    void aCaptureIsRefundedOnce() throws Exception {
        PayPalOrder order = createOrder("hold-1");
        approveByScript(order.id());
        PayPalCapture capture = paypal.captureOrder(order.id(), "capture-1");

        PayPalRefund refund = paypal.refundCapture(capture.captureId(), PRICE, "EUR", "refund-1");
        PayPalException again = catchThrowableOfType(PayPalException.class,
                () -> paypal.refundCapture(capture.captureId(), PRICE, "EUR", "refund-2"));

        assertThat(refund.isCompleted()).isTrue();
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.is(PayPalException.CAPTURE_FULLY_REFUNDED)).isTrue();
        assertThat(getOrderJson(order.id()).path("purchase_units").path(0).path("payments").path("captures").path(0)
                .path("status").asText()).isEqualTo("REFUNDED");
    }

    @Test
    void anOrderInACurrencyPayPalDoesNotTakeIsRefusedAsPayPalRefusesIt() {
        for (String currency : new String[] {"KWD", "BHD", "RUB"}) {
            PayPalException refused = catchThrowableOfType(PayPalException.class, () -> paypal.createOrder(
                    "create-" + UUID.randomUUID(), "event-7", "hold-1", new BigDecimal("12.500"), currency, RETURN_URL,
                    CANCEL_URL));

            assertThat(refused.status()).as(currency).isEqualTo(422);
            assertThat(refused.name()).isEqualTo(PayPalException.UNPROCESSABLE_ENTITY);
            assertThat(refused.issue()).isEqualTo("CURRENCY_NOT_SUPPORTED");
            assertThat(refused.isRetryable()).isFalse();
        }
        assertThat(paypal.createOrder("create-" + UUID.randomUUID(), "event-7", "hold-1", new BigDecimal("1500"), "JPY",
                RETURN_URL, CANCEL_URL).awaitsBuyer()).isTrue();
    }

    @Test
    void anUnknownOrderIsResourceNotFound() {
        PayPalException missing = catchThrowableOfType(PayPalException.class, () -> paypal.getOrder("NOSUCHORDER12345X"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.is(PayPalException.RESOURCE_NOT_FOUND)).isTrue();
    }

    @Test
    void aCancelledOrderIsVoidedAndSendsNoWebhook() {
        PayPalOrder order = createOrder("hold-1");

        HttpResponse<String> cancelled = fixture.post("/orders/" + order.id() + "/cancel", "application/json", "");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(paypal.getOrder(order.id()).status()).isEqualTo(PayPalOrder.VOIDED);
        // webhooks are recorded when they are emitted, inside the call: none means none will come
        assertThat(fixture.paypal.sentWebhooks()).isEmpty();
        assertThat(catchThrowableOfType(PayPalException.class, () -> paypal.captureOrder(order.id(), "capture-1"))
                .isOrderNotApproved()).isTrue();
        assertThat(fixture.post("/orders/" + order.id() + "/approve", "application/json", "").statusCode()).isEqualTo(422);
    }

    @Test
    void theCheckoutPageApprovesAndSendsTheBuyerBack() {
        PayPalOrder order = createOrder("hold-1");

        HttpResponse<String> page = fixture.send(HttpRequest.newBuilder(order.approveUrl()).GET().build());
        HttpResponse<String> approved = fixture.post("/orders/" + order.id() + "/approve",
                "application/x-www-form-urlencoded", "");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("49.00 EUR", "action=\"orders/" + order.id() + "/approve\"",
                "action=\"orders/" + order.id() + "/cancel\"");
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(approved.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(RETURN_URL + "&token=" + order.id() + "&PayerID="));
        assertThat(paypal.getOrder(order.id()).isApproved()).isTrue();
    }

    @Test
    void theCheckoutPageCancelSendsTheBuyerToTheCancelUrl() {
        PayPalOrder order = createOrder("hold-1");

        HttpResponse<String> cancelled = fixture.post("/orders/" + order.id() + "/cancel",
                "application/x-www-form-urlencoded", "");

        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.headers().firstValue("Location")).hasValue(CANCEL_URL + "?token=" + order.id());
    }

    @Test
    void anAmountWithTooManyDecimalsIsRefusedBeforeItLeaves() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> paypal.createOrder("create-1", "event-7",
                "hold-1", new BigDecimal("49.001"), "EUR", RETURN_URL, CANCEL_URL))).hasMessageContaining("decimals");
    }

    private PayPalOrder createOrder(String holdId) {
        return paypal.createOrder("create-" + holdId + "-" + UUID.randomUUID(), "event-7", holdId, PRICE, "EUR",
                RETURN_URL, CANCEL_URL);
    }

    private void approveByScript(String orderId) {
        assertThat(fixture.post("/orders/" + orderId + "/approve", "application/json", "").statusCode()).isEqualTo(200);
    }

    private JsonNode getOrderJson(String orderId) throws Exception {
        String token = json.readTree(fixture.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl + "/v1/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (MockPayPalFixture.CLIENT_ID + ":" + MockPayPalFixture.CLIENT_SECRET).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build()).body()).path("access_token").asText();
        return json.readTree(fixture.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl + "/v2/checkout/orders/" + orderId))
                .header("Authorization", "Bearer " + token).GET().build()).body());
    }
}
