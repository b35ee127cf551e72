package dev.ticketing.payments.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.payments.provider.CaptureOutcome;
import dev.ticketing.payments.provider.CheckoutRequest;
import dev.ticketing.payments.provider.CheckoutSession;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.RefundOutcome;
import dev.ticketing.payments.provider.WebhookRejectedException;
import dev.ticketing.payments.setup.PaymentSettings;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.problems.UnauthorizedException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class WebhookIntakeTest {
    private static final PaymentEvent EVENT = new PaymentEvent(PaymentProvider.PAYPAL, "WH-1", PaymentEvent.Type.APPROVED,
            "CHECKOUT.ORDER.APPROVED", "ORDER1", null, "pay-1");

    private final List<SendMessageRequest> sent = new ArrayList<>();
    private boolean sqsDown;
    private final SqsClient sqs = new SqsClient() {
        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            if (sqsDown) {
                throw SdkClientException.create("no connection");
            }
            sent.add(request);
            return SendMessageResponse.builder().messageId("m1").build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    };
    private final PaymentSettings settings = new PaymentSettings(null, null, null, null, null, null, null,
            URI.create("http://localhost/"), "http://127.0.0.1:9324/000000000000/payments");

    @Test
    void aGenuineWebhookIsQueuedAsItCameWithItsEventIdAsAnAttribute() {
        WebhookIntake intake = intake(() -> EVENT);

        assertThat(intake.accept("paypal", Map.of(), "{\"raw\":true}")).isEqualTo(EVENT);

        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.messageBody()).isEqualTo("{\"raw\":true}");
            assertThat(message.queueUrl()).isEqualTo(settings.paymentsQueueUrl());
            assertThat(message.messageAttributes().get(PaymentMessages.PROVIDER).stringValue()).isEqualTo("PAYPAL");
            assertThat(message.messageAttributes().get(PaymentMessages.EVENT_ID).stringValue()).isEqualTo("WH-1");
            assertThat(message.messageAttributes().get(PaymentMessages.EVENT_TYPE).stringValue()).isEqualTo("CHECKOUT.ORDER.APPROVED");
        });
    }

    @Test
    void forgedAndUnreadableWebhooksAreRefusedAndQueueNothing() {
        assertThatThrownBy(() -> intake(() -> {
            throw WebhookRejectedException.unsigned("forged");
        }).accept("paypal", Map.of(), "{}")).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> intake(() -> {
            throw WebhookRejectedException.malformed("unreadable");
        }).accept("paypal", Map.of(), "{}")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> intake(() -> EVENT).accept("paypal", Map.of(), " ")).isInstanceOf(InvalidRequestException.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void whenItCannotBeVerifiedOrQueuedNowTheProviderIsToldToRetry() {
        assertThatThrownBy(() -> intake(() -> {
            throw new PaymentProviderException("PayPal gave no answer", true, "NO_ANSWER", null);
        }).accept("paypal", Map.of(), "{}")).isInstanceOfSatisfying(ServiceUnavailableException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        sqsDown = true;
        assertThatThrownBy(() -> intake(() -> EVENT).accept("paypal", Map.of(), "{}"))
                .isInstanceOf(ServiceUnavailableException.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void anUnknownOrDisabledProviderIsNotFound() {
        assertThatThrownBy(() -> intake(() -> EVENT).accept("bitcoin", Map.of(), "{}")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> intake(() -> EVENT).accept("other", Map.of(), "{}")).isInstanceOf(NotFoundException.class);
    }

    private WebhookIntake intake(Supplier<PaymentEvent> verification) {
        return new WebhookIntake(new PaymentGateways(List.of(new FakePayPal(verification))), sqs, settings);
    }

    private record FakePayPal(Supplier<PaymentEvent> verification) implements PaymentGateway {
        @Override
        public PaymentProvider provider() {
            return PaymentProvider.PAYPAL;
        }

        @Override
        public String displayName() {
            return "PayPal";
        }

        @Override
        public PaymentEvent verifyWebhook(Map<String, String> headers, String body) {
            return verification.get();
        }

        @Override
        public CheckoutSession createCheckout(CheckoutRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<dev.ticketing.payments.provider.ProviderOrder> order(String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.ticketing.payments.provider.ReleaseOutcome release(String orderId, String requestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Set<String> currencies() {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<String> unchargeable(java.math.BigDecimal amount, String currency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CaptureOutcome capture(String orderId, String requestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RefundOutcome refund(String captureId, BigDecimal amount, String currency, String requestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentEvent parseEvent(String body) {
            throw new UnsupportedOperationException();
        }
    }
}
