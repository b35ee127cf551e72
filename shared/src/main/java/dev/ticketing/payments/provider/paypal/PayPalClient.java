package dev.ticketing.payments.provider.paypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal's REST API (Orders v2, Payments v2, webhook verification) over the JDK HTTP client. Thread-safe: one
 * instance per process, sharing its connections and its cached OAuth token.
 *
 * <p>Every call that moves money takes a {@code requestId}, sent as {@code PayPal-Request-Id}: repeating a call
 * with the same id (after a timeout, or from a retried Lambda) gets the first answer back instead of doing the
 * thing twice. Derive it from something stable, such as the hold id.
 */
public final class PayPalClient {
    private static final Logger LOG = LoggerFactory.getLogger(PayPalClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** PayPal's ids are upper-case letters and digits; anything else must not reach a URL path. */
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String[] WEBHOOK_HEADERS = {
        PayPalWebhookHeaders.AUTH_ALGO, PayPalWebhookHeaders.CERT_URL, PayPalWebhookHeaders.TRANSMISSION_ID,
        PayPalWebhookHeaders.TRANSMISSION_SIG, PayPalWebhookHeaders.TRANSMISSION_TIME
    };

    private final PayPalConfig config;
    private final HttpClient http;
    private final ObjectMapper json;
    private final PayPalAccessTokens tokens;

    public PayPalClient(PayPalConfig config) {
        this(config, Clock.systemUTC());
    }

    /** {@code clock} decides when the cached token is renewed. */
    public PayPalClient(PayPalConfig config, Clock clock) {
        this.config = config;
        // HTTP/1.1: PayPal serves it, and plain-http mocks then see no h2c upgrade dance
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
        this.json = PayPalJson.newMapper();
        this.tokens = new PayPalAccessTokens(config, http, json, clock, TIMEOUT);
    }

    /**
     * Creates a CAPTURE order for one purchase unit. {@code referenceId} names the purchase unit and
     * {@code customId} comes back on the capture, the refund and their webhooks, so it should be what the
     * payment is for (e.g. the hold id). The buyer approves at {@link PayPalOrder#approveUrl()} and PayPal then
     * sends them to {@code returnUrl}, or to {@code cancelUrl} when they give up; both get {@code ?token=<orderId>}.
     */
    public PayPalOrder createOrder(String requestId, String referenceId, String customId, BigDecimal amount,
                                   String currency, URI returnUrl, URI cancelUrl) {
        requireText(requestId, "requestId");
        ObjectNode body = json.createObjectNode().put("intent", "CAPTURE");
        ObjectNode unit = body.putArray("purchase_units").addObject();
        if (referenceId != null) {
            unit.put("reference_id", referenceId);
        }
        if (customId != null) {
            unit.put("custom_id", customId);
        }
        unit.set("amount", money(amount, currency));
        // experience_context is where PayPal wants return/cancel URLs now; application_context is deprecated
        ObjectNode experience = body.putObject("payment_source").putObject("paypal").putObject("experience_context");
        experience.put("user_action", "PAY_NOW")
                .put("shipping_preference", "NO_SHIPPING")
                .put("return_url", returnUrl.toString())
                .put("cancel_url", cancelUrl.toString());
        return toOrder(call("POST", "/v2/checkout/orders", body, requestId));
    }

    public PayPalOrder getOrder(String orderId) {
        return toOrder(call("GET", "/v2/checkout/orders/" + id(orderId), null, null));
    }

    /**
     * Captures an approved order. A second capture of the same order with another request id fails with
     * {@link PayPalException#isOrderAlreadyCaptured()}; one that is not approved yet with
     * {@link PayPalException#isOrderNotApproved()}.
     */
    public PayPalCapture captureOrder(String orderId, String requestId) {
        requireText(requestId, "requestId");
        JsonNode answer = call("POST", "/v2/checkout/orders/" + id(orderId) + "/capture", null, requestId);
        JsonNode capture = answer.path("purchase_units").path(0).path("payments").path("captures").path(0);
        return new PayPalCapture(text(answer, "id"), text(capture, "id"), text(capture, "status"));
    }

    /** Refunds {@code amount} of a capture (the whole of it for a full refund). */
    public PayPalRefund refundCapture(String captureId, BigDecimal amount, String currency, String requestId) {
        requireText(requestId, "requestId");
        ObjectNode body = json.createObjectNode();
        body.set("amount", money(amount, currency));
        JsonNode answer = call("POST", "/v2/payments/captures/" + id(captureId) + "/refund", body, requestId);
        return new PayPalRefund(text(answer, "id"), text(answer, "status"));
    }

    /**
     * Asks PayPal whether a webhook delivery is genuine: its signature covers the transmission id and time, our
     * webhook id and a CRC32 of the event. {@code headers} are the delivery's headers, looked up regardless of
     * case. Answers false, without calling PayPal, when a header is missing or the body is not JSON, and false
     * when PayPal says FAILURE or refuses the values. Throws {@link PayPalException} only when PayPal could not
     * be asked (no answer, 5xx): then the webhook handler should answer 5xx so that PayPal delivers again.
     */
    public boolean verifyWebhookSignature(Map<String, String> headers, String rawBody) {
        Map<String, String> lookup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lookup.put(name, value);
                }
            });
        }
        for (String header : WEBHOOK_HEADERS) {
            if (lookup.getOrDefault(header, "").isBlank()) {
                LOG.info("webhook rejected: header {} is missing", header);
                return false;
            }
        }
        if (!trustedCertUrl(lookup.get(PayPalWebhookHeaders.CERT_URL))) {
            LOG.info("webhook rejected: certificate URL {} is not PayPal's", lookup.get(PayPalWebhookHeaders.CERT_URL));
            return false;
        }
        if (!PayPalWebhookHeaders.SHA256_WITH_RSA.equals(lookup.get(PayPalWebhookHeaders.AUTH_ALGO))) {
            LOG.info("webhook rejected: auth algorithm {} is not PayPal's", lookup.get(PayPalWebhookHeaders.AUTH_ALGO));
            return false;
        }
        JsonNode event;
        try {
            event = rawBody == null ? null : json.readTree(rawBody);
        } catch (JsonProcessingException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            LOG.info("webhook rejected: body is not a JSON object");
            return false;
        }
        ObjectNode body = json.createObjectNode()
                .put("auth_algo", lookup.get(PayPalWebhookHeaders.AUTH_ALGO))
                .put("cert_url", lookup.get(PayPalWebhookHeaders.CERT_URL))
                .put("transmission_id", lookup.get(PayPalWebhookHeaders.TRANSMISSION_ID))
                .put("transmission_sig", lookup.get(PayPalWebhookHeaders.TRANSMISSION_SIG))
                .put("transmission_time", lookup.get(PayPalWebhookHeaders.TRANSMISSION_TIME))
                .put("webhook_id", config.webhookId());
        body.set("webhook_event", event);
        JsonNode answer;
        try {
            answer = call("POST", "/v1/notifications/verify-webhook-signature", body, null);
        } catch (PayPalException e) {
            if (e.isRetryable() || e.status() == 401 || e.status() == 403) {
                throw e;
            }
            LOG.info("webhook rejected: PayPal refused to verify it: {}", e.getMessage());
            return false;
        }
        boolean verified = "SUCCESS".equals(text(answer, "verification_status"));
        if (!verified) {
            LOG.info("webhook rejected: signature verification answered {}", text(answer, "verification_status"));
        }
        return verified;
    }

    /**
     * PayPal's signing certificates are served over https from its own domain (api.paypal.com,
     * api.sandbox.paypal.com; "Verify webhook signatures": check the cert URL's domain before use); the configured
     * base URL's own host is trusted too (the local mock). Anything else is refused before any outbound call, so a
     * made-up header cannot make us call a URL of the sender's choosing or spend a verify call.
     */
    boolean trustedCertUrl(String certUrl) {
        URI uri;
        try {
            uri = certUrl == null ? null : new URI(certUrl);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri == null || uri.getHost() == null || uri.getUserInfo() != null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        if ("https".equals(uri.getScheme()) && (host.equals("paypal.com") || host.endsWith(".paypal.com"))) {
            return true;
        }
        URI base = config.baseUrl();
        return base.getScheme().equals(uri.getScheme()) && base.getHost().equalsIgnoreCase(host)
                && base.getPort() == uri.getPort() && uri.getPath() != null && uri.getPath().startsWith(base.getPath() + "/");
    }

    private JsonNode call(String method, String path, JsonNode body, String requestId) {
        String token = tokens.current();
        HttpResponse<String> response = send(method, path, body, requestId, token);
        if (response.statusCode() == 401) {
            // a token PayPal no longer honours (revoked, or a restarted mock): one fresh try, then give up
            tokens.forget(token);
            response = send(method, path, body, requestId, tokens.current());
        }
        if (response.statusCode() / 100 != 2) {
            PayPalException error = PayPalErrors.fromAnswer(response.statusCode(), response.body(), json);
            LOG.debug("{} {} failed: {}", method, path, error.getMessage());
            throw error;
        }
        try {
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new PayPalException(response.statusCode(), null, null, method + " " + path + " answered non-JSON", null, e);
        }
    }

    private HttpResponse<String> send(String method, String path, JsonNode body, String requestId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                // the full resource, not the minimal id/status/links, so custom_id and captures come back
                .header("Prefer", "return=representation");
        if (requestId != null) {
            request.header("PayPal-Request-Id", requestId);
        }
        try {
            request.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw PayPalErrors.noAnswer(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PayPalErrors.noAnswer(method + " " + path, e);
        }
    }

    private ObjectNode money(BigDecimal amount, String currency) {
        String value = PayPalMoney.format(amount, currency);
        return json.createObjectNode().put("currency_code", currency).put("value", value);
    }

    private static PayPalOrder toOrder(JsonNode answer) {
        JsonNode unit = answer.path("purchase_units").path(0);
        URI approveUrl = null;
        for (JsonNode link : answer.path("links")) {
            String rel = text(link, "rel");
            if (("approve".equals(rel) || "payer-action".equals(rel)) && text(link, "href") != null) {
                approveUrl = URI.create(text(link, "href"));
                break;
            }
        }
        JsonNode capture = unit.path("payments").path("captures").path(0);
        BigDecimal refunded = BigDecimal.ZERO;
        for (JsonNode refund : unit.path("payments").path("refunds")) {
            BigDecimal value = amountOf(refund.path("amount"));
            if (value != null && !"CANCELLED".equals(text(refund, "status")) && !"FAILED".equals(text(refund, "status"))) {
                refunded = refunded.add(value);
            }
        }
        return new PayPalOrder(text(answer, "id"), text(answer, "status"), approveUrl, text(unit, "custom_id"),
                text(unit, "reference_id"), text(capture, "id"), amountOf(unit.path("amount")),
                text(unit.path("amount"), "currency_code"), text(capture, "status"), amountOf(capture.path("amount")),
                text(capture.path("amount"), "currency_code"), refunded);
    }

    /** A PayPal money object's value; null when absent or not a plain decimal. */
    private static BigDecimal amountOf(JsonNode money) {
        String value = text(money, "value");
        if (value == null || !value.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(value);
    }

    private static String id(String id) {
        if (id == null || !RESOURCE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a PayPal id: " + id);
        }
        return id;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
