package dev.ticketing.payments.queue;

import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.WebhookRejectedException;
import dev.ticketing.payments.setup.PaymentSettings;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.problems.UnauthorizedException;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A provider's webhook delivery: verified through its gateway, then queued as it came for the payment processor.
 * No database work, so the provider gets its 2xx fast. Forged, unsigned or unreadable deliveries are refused with
 * a 4xx and queue nothing; when genuineness or queueing cannot be done now the answer is 503, so the provider
 * delivers again later.
 */
@Singleton
public class WebhookIntake {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final PaymentGateways gateways;
    private final SqsClient sqs;
    private final PaymentSettings settings;

    public WebhookIntake(PaymentGateways gateways, SqsClient sqs, PaymentSettings settings) {
        this.gateways = gateways;
        this.sqs = sqs;
        this.settings = settings;
    }

    /**
     * @param providerPath the last segment of the webhook path, e.g. {@code paypal}
     * @throws TicketingException the answer when the delivery is not accepted
     */
    public PaymentEvent accept(String providerPath, Map<String, String> headers, String body) {
        PaymentGateway gateway = gatewayFor(providerPath);
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The webhook has no body");
        }
        if (body.length() > PaymentMessages.MAX_BODY_CHARS) {
            throw new InvalidRequestException("The webhook body is too large");
        }
        PaymentEvent event;
        try {
            event = gateway.verifyWebhook(headers, body);
        } catch (WebhookRejectedException e) {
            LOG.warn("{} webhook refused: {}", gateway.provider(), e.getMessage());
            throw e.status() == 401 ? new UnauthorizedException(e.getMessage()) : new InvalidRequestException(e.getMessage());
        } catch (PaymentProviderException e) {
            LOG.warn("{} webhook not verified now: {}", gateway.provider(), e.getMessage());
            throw new ServiceUnavailableException("The webhook could not be verified now; please deliver it again");
        }
        if (settings.paymentsQueueUrl() == null || settings.paymentsQueueUrl().isBlank()) {
            LOG.error("PAYMENTS_QUEUE_URL is not set: webhook {} not queued", event.eventId());
            throw new ServiceUnavailableException("The webhook could not be queued now; please deliver it again");
        }
        try {
            sqs.sendMessage(b -> b.queueUrl(settings.paymentsQueueUrl())
                    .messageBody(body)
                    .messageAttributes(PaymentMessages.attributes(event)));
        } catch (SdkException e) {
            LOG.error("webhook {} not queued", event.eventId(), e);
            throw new ServiceUnavailableException("The webhook could not be queued now; please deliver it again");
        }
        LOG.info("{} webhook {} ({}) queued", gateway.provider(), event.eventId(), event.providerType());
        return event;
    }

    private PaymentGateway gatewayFor(String providerPath) {
        PaymentProvider provider;
        try {
            provider = PaymentProvider.valueOf(providerPath == null ? "" : providerPath.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No webhook for provider " + providerPath);
        }
        return gateways.find(provider).orElseThrow(() -> new NotFoundException("Provider " + provider + " is not enabled"));
    }
}
