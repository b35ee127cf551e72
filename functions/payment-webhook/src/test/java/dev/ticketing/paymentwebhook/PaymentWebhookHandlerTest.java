package dev.ticketing.paymentwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PaymentWebhookHandlerTest {
    @Test
    void theProviderIsTheLastSegmentOfThePath() {
        assertThat(PaymentWebhookHandler.providerOf(APIGatewayV2HTTPEvent.builder().withRawPath("/webhooks/paypal").build()))
                .isEqualTo("paypal");
        assertThat(PaymentWebhookHandler.providerOf(APIGatewayV2HTTPEvent.builder().withRawPath("/webhooks/other/").build()))
                .isEqualTo("other");
        assertThat(PaymentWebhookHandler.providerOf(APIGatewayV2HTTPEvent.builder().build())).isEmpty();
    }

    @Test
    void aBase64BodyIsDecodedAsApiGatewaySendsBinaryBodies() {
        String json = "{\"id\":\"WH-1\",\"summary\":\"Zahlung über 40,00 €\"}";
        APIGatewayV2HTTPEvent encoded = APIGatewayV2HTTPEvent.builder()
                .withBody(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true).build();
        APIGatewayV2HTTPEvent plain = APIGatewayV2HTTPEvent.builder().withBody(json).withIsBase64Encoded(false).build();

        assertThat(PaymentWebhookHandler.bodyOf(encoded)).isEqualTo(json);
        assertThat(PaymentWebhookHandler.bodyOf(plain)).isEqualTo(json);
    }
}
