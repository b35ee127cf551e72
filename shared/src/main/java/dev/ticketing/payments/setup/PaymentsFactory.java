package dev.ticketing.payments.setup;

import dev.ticketing.config.SecretSource;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.card.CardCheckoutClient;
import dev.ticketing.payments.provider.card.CardCheckoutConfig;
import dev.ticketing.payments.provider.card.CardCheckoutGateway;
import dev.ticketing.payments.provider.card.CheckoutSignature;
import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalConfig;
import dev.ticketing.payments.provider.paypal.PayPalGateway;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reads the payment settings ({@link PaymentSettings}: PayPal, the card checkout, the return URL,
 * the queue), and builds the enabled provider gateways and the SQS client from them.
 */
@Factory
public class PaymentsFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsFactory.class);

    @Singleton
    PaymentSettings paymentSettings(
            @Property(name = "paypal.base.url") @Nullable String paypalBaseUrl,
            @Property(name = "paypal.client.id") @Nullable String paypalClientId,
            @Property(name = "paypal.client.secret") @Nullable String paypalClientSecret,
            @Property(name = "paypal.webhook.id") @Nullable String paypalWebhookId,
            @Property(name = "card.checkout.base.url") @Nullable String cardBaseUrl,
            @Property(name = "card.checkout.api.key") @Nullable String cardApiKey,
            @Property(name = "card.checkout.webhook.secret") @Nullable String cardWebhookSecret,
            @Property(name = "checkout.return.url", defaultValue = "http://localhost:3000/") String checkoutReturnUrl,
            @Property(name = "payments.queue.url") @Nullable String paymentsQueueUrl,
            @Property(name = "paypal.client.secret.name") @Nullable String paypalClientSecretName,
            @Property(name = "card.checkout.api.key.name") @Nullable String cardApiKeyName,
            @Property(name = "card.checkout.webhook.secret.name") @Nullable String cardWebhookSecretName,
            SecretSource secrets) {
        // in AWS the environment names the secrets (..._NAME) and their values are fetched now; locally they are given
        return new PaymentSettings(paypalBaseUrl, paypalClientId,
                secrets.resolve(paypalClientSecret, paypalClientSecretName).orElse(null), paypalWebhookId, cardBaseUrl,
                secrets.resolve(cardApiKey, cardApiKeyName).orElse(null),
                secrets.resolve(cardWebhookSecret, cardWebhookSecretName).orElse(null), URI.create(checkoutReturnUrl.isBlank() ? "http://localhost:3000/" : checkoutReturnUrl),
                paymentsQueueUrl);
    }

    @Singleton
    PaymentGateways paymentGateways(PaymentSettings settings, Clock clock) {
        List<PaymentGateway> gateways = new ArrayList<>();
        if (settings.paypalEnabled()) {
            PayPalConfig config = new PayPalConfig(URI.create(settings.paypalBaseUrl()), settings.paypalClientId(),
                    settings.paypalClientSecret(), settings.paypalWebhookId());
            gateways.add(new PayPalGateway(new PayPalClient(config, clock)));
        }
        if (settings.cardEnabled()) {
            CardCheckoutConfig config = new CardCheckoutConfig(URI.create(settings.cardBaseUrl()), settings.cardApiKey(),
                    settings.cardWebhookSecret());
            gateways.add(new CardCheckoutGateway(new CardCheckoutClient(config),
                    new CheckoutSignature(config.webhookSecret(), CheckoutSignature.DEFAULT_TOLERANCE, clock)));
        }
        LOG.info("payment providers enabled: {}", gateways.stream().map(g -> g.provider().name()).toList());
        return new PaymentGateways(gateways);
    }
}
