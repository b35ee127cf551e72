package dev.ticketing.paymentwebhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.input.RawRequest;
import dev.ticketing.input.RequestLimits;
import dev.ticketing.input.StrictJson;
import dev.ticketing.logging.LogFields;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.queue.WebhookIntake;
import dev.ticketing.problems.ProblemDetails;
import dev.ticketing.problems.TicketingException;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/paypal} and {@code POST /webhooks/other} (API Gateway HTTP API, payload 2.0, no JWT):
 * verify the provider's signature, queue the raw event for the payment processor, answer 200. Refusals are
 * problem+json: 400 unreadable, 401 unsigned or forged (nothing queued), 404 unknown provider, 503 when it cannot
 * be verified or queued now (the provider delivers again). No controllers, no database: a small, fast start (its
 * context builds the provider gateways and the SQS client, no table client).
 *
 * <p>SnapStart: {@link #priming} answers an unknown provider and an unsigned card checkout delivery, and reads
 * a PayPal body that is not an event: routing, JSON, the signature check and problem answers, with nothing queued
 * and no call to PayPal (whose signature check is a call).
 */
public class PaymentWebhookHandler extends TicketingHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookIntake intake;

    /** For Lambda. */
    public PaymentWebhookHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public PaymentWebhookHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("unknown provider", () -> expect(execute(webhook("nowhere", "{}")), 404))
                // 401 without a signature (404 where the card checkout is not enabled)
                .step("unsigned card checkout event", () -> expect(execute(webhook("other",
                        "{\"id\":\"evt_priming\",\"type\":\"session.authorized\",\"data\":{\"object\":{\"id\":\""
                                + Priming.NO_SUCH_ID + "\"}}}")), 401, 404))
                // 400: refused as it is read, before the signature check that would ask PayPal
                .step("PayPal body that is no event", () -> expect(execute(webhook("paypal", "{\"priming\":true}")), 400, 404));
    }

    private static APIGatewayV2HTTPEvent webhook(String provider, String body) {
        return Priming.apiRequest("POST", "/webhooks/" + provider, body, null);
    }

    private static void expect(APIGatewayV2HTTPResponse response, Integer... statuses) {
        Priming.expect(response.getStatusCode(), statuses);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request, CurrentInvocation invocation) {
        try (LogFields.Scope fields = LogFields.scope()) {
            if (request != null && request.getRequestContext() != null) {
                fields.put(LogFields.API_REQUEST_ID, request.getRequestContext().getRequestId());
            }
            return answer(request, fields);
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent request, LogFields.Scope fields) {
        try {
            PaymentEvent event = intake.accept(providerOf(request), request.getHeaders(), bodyOf(request));
            fields.put(LogFields.WEBHOOK_EVENT_ID, event.eventId())
                    .put(LogFields.PROVIDER_ORDER_ID, event.orderId())
                    .put(LogFields.PAYMENT_ID, event.paymentId());
            LOG.info("{} webhook {} ({}) accepted", event.provider(), event.eventId(), event.providerType());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("received", true);
            answer.put("eventId", event.eventId());
            return respond(200, "application/json", answer);
        } catch (TicketingException problem) {
            return respond(problem.status(), ProblemDetails.MEDIA_TYPE, ProblemDetails.of(problem));
        } catch (RuntimeException e) {
            LOG.error("webhook failed", e);
            return respond(500, ProblemDetails.MEDIA_TYPE,
                    ProblemDetails.internalError("Please deliver the webhook again."));
        }
    }

    /** The provider is the path's last segment: {@code /webhooks/paypal} -> {@code paypal}. */
    static String providerOf(APIGatewayV2HTTPEvent request) {
        String path = request.getRawPath();
        if (path == null && request.getRequestContext() != null && request.getRequestContext().getHttp() != null) {
            path = request.getRequestContext().getHttp().getPath();
        }
        if (path == null) {
            return "";
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /**
     * The body's text, read as every API body is ({@link StrictJson#text(String, boolean, String)}): {@code 413} over
     * {@link RequestLimits#MAX_BODY_BYTES}, {@code 400 invalid-encoding} when not UTF-8. The request line and headers
     * are held to {@link RequestLimits#MAX_HEAD_BYTES} ({@code 431}) first.
     */
    static String bodyOf(APIGatewayV2HTTPEvent request) {
        return new RawRequest("POST", request.getRawPath(), request.getRawQueryString(), request.getHeaders(),
                request.getCookies(), request.getBody(), request.getIsBase64Encoded()).text();
    }

    private static APIGatewayV2HTTPResponse respond(int status, String contentType, Map<String, Object> body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", contentType))
                    .withBody(JSON.writeValueAsString(body))
                    .withIsBase64Encoded(false)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
