package dev.ticketing.local.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalConfig;
import dev.ticketing.payments.provider.paypal.PayPalException;
import dev.ticketing.payments.provider.paypal.PayPalOrder;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockPayPalAuthenticationTest {
    private static final URI RETURN_URL = URI.create("http://127.0.0.1:5173/checkout/return");
    private static final URI CANCEL_URL = URI.create("http://127.0.0.1:5173/checkout/cancel");

    private MockPayPalFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aWrongClientSecretIs401() {
        fixture = MockPayPalFixture.start();
        PayPalClient impostor = new PayPalClient(new PayPalConfig(fixture.baseUrl, MockPayPalFixture.CLIENT_ID,
                "not-the-secret", MockPayPalFixture.WEBHOOK_ID));

        PayPalException refused = catchThrowableOfType(PayPalException.class, () -> createOrder(impostor));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.name()).isEqualTo("invalid_client");
        assertThat(fixture.paypal.tokensIssued()).isZero();
    }

    @Test
    void theApiWantsABearerToken() {
        fixture = MockPayPalFixture.start();

        HttpResponse<String> anonymous = fixture.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl + "/v2/checkout/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        HttpResponse<String> madeUp = fixture.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl + "/v2/checkout/orders/X"))
                .header("Authorization", "Bearer A21AAmadeup")
                .GET()
                .build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("AUTHENTICATION_FAILURE");
        assertThat(madeUp.statusCode()).isEqualTo(401);
    }

    @Test
    void oneTokenServesManyCalls() {
        fixture = MockPayPalFixture.start();
        PayPalClient paypal = fixture.client();

        PayPalOrder order = createOrder(paypal);
        paypal.getOrder(order.id());
        paypal.getOrder(order.id());

        assertThat(fixture.paypal.tokensIssued()).isEqualTo(1);
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        fixture = MockPayPalFixture.start(mock -> mock.clock(clock).tokenLifetime(Duration.ofHours(1)));
        PayPalClient paypal = fixture.client(clock);
        PayPalOrder order = createOrder(paypal);

        clock.advance(Duration.ofMinutes(56));
        paypal.getOrder(order.id());

        assertThat(fixture.paypal.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aTokenPayPalNoLongerHonoursIsReplacedOnce() {
        MutableClock paypalTime = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        fixture = MockPayPalFixture.start(mock -> mock.clock(paypalTime).tokenLifetime(Duration.ofHours(1)));
        PayPalClient paypal = fixture.client(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        PayPalOrder order = createOrder(paypal);

        // the client still trusts its token, PayPal has already let it expire
        paypalTime.advance(Duration.ofHours(2));

        assertThat(paypal.getOrder(order.id()).id()).isEqualTo(order.id());
        assertThat(fixture.paypal.tokensIssued()).isEqualTo(2);
    }

    private static PayPalOrder createOrder(PayPalClient paypal) {
        return paypal.createOrder("create-hold-1", "event-7", "hold-1", new BigDecimal("49.00"), "EUR", RETURN_URL, CANCEL_URL);
    }
}
