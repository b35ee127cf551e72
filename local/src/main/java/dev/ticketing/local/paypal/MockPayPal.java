package dev.ticketing.local.paypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ticketing.payments.provider.paypal.PayPalJson;
import dev.ticketing.payments.provider.paypal.PayPalMoney;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import dev.ticketing.payments.provider.paypal.PayPalWebhookHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory PayPal for the local stack and tests: the REST paths {@link dev.ticketing.payments.provider.paypal.PayPalClient}
 * calls, served under a base path of a JDK {@code HttpServer}, so the real client runs against it unchanged:
 * <pre>
 * server.createContext("/mock-paypal", mockPayPal);   // client base URL http://127.0.0.1:3000/mock-paypal
 * </pre>
 * The server needs a multi-threaded executor when the webhook listener on the same server calls back into the
 * mock (signature verification) while handling a delivery.
 *
 * <p>API (bearer token from {@code POST /v1/oauth2/token}, Basic client credentials): create, get and capture
 * orders, refund captures, verify webhook signatures; {@code PayPal-Request-Id} makes create, capture and
 * refund idempotent. Orders go CREATED (or PAYER_ACTION_REQUIRED when created with {@code payment_source.paypal},
 * as PayPal does) to APPROVED to COMPLETED, or to VOIDED when the buyer cancels.
 *
 * <p>Buyer side, no token needed: {@code GET /checkoutnow?token={orderId}} (the approve link) shows a page with
 * Approve and Cancel buttons; {@code POST /orders/{id}/approve} and {@code POST /orders/{id}/cancel} do the same
 * for scripts and answer the order as JSON (a browser form post is redirected to the return or cancel URL).
 *
 * <p>Webhooks, signed as PayPal signs them and delivered asynchronously with retries: CHECKOUT.ORDER.APPROVED on
 * approval, PAYMENT.CAPTURE.COMPLETED on capture, PAYMENT.CAPTURE.REFUNDED on refund. A buyer's cancel sends
 * nothing, because PayPal has no event for it: the merchant learns it from the cancel URL redirect or from
 * getting the order, which then shows VOIDED.
 */
public final class MockPayPal implements HttpHandler, AutoCloseable {
    /** PayPal retries for days; this keeps the shape (doubling delays) at a local scale. */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32));
    /** PayPal's tokens last nine hours. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(9);

    private static final Logger LOG = LoggerFactory.getLogger(MockPayPal.class);
    private static final Pattern ORDER = Pattern.compile("/v2/checkout/orders/([A-Za-z0-9-]+)");
    private static final Pattern ORDER_CAPTURE = Pattern.compile("/v2/checkout/orders/([A-Za-z0-9-]+)/capture");
    private static final Pattern CAPTURE = Pattern.compile("/v2/payments/captures/([A-Za-z0-9-]+)");
    private static final Pattern CAPTURE_REFUND = Pattern.compile("/v2/payments/captures/([A-Za-z0-9-]+)/refund");
    private static final Pattern BUYER_ACTION = Pattern.compile("/orders/([A-Za-z0-9-]+)/(approve|cancel)");
    private static final Pattern CERT = Pattern.compile("/v1/notifications/certs/([A-Za-z0-9-]+)");
    private static final List<String> VERIFY_FIELDS = List.of("auth_algo", "cert_url", "transmission_id",
            "transmission_sig", "transmission_time", "webhook_id");

    private final String basePath;
    private final URI publicBaseUrl;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final ObjectMapper json = PayPalJson.newMapper();
    private final MockTokens tokens;
    private final WebhookSigner signer;
    private final WebhookDispatcher webhooks;
    private final IdempotentAnswers idempotent = new IdempotentAnswers();
    private final Map<String, MockOrder> orders = new ConcurrentHashMap<>();
    private final Map<String, MockOrder> ordersByCapture = new ConcurrentHashMap<>();

    /**
     * @param basePath      where it is mounted, e.g. {@code /mock-paypal}
     * @param publicBaseUrl the absolute URL of that mount, e.g. {@code http://127.0.0.1:3000/mock-paypal}; links,
     *                      the approve page and the cert URL are built on it
     * @param webhookUrl    the listener webhooks are posted to; null to only record them
     */
    public MockPayPal(String basePath, URI publicBaseUrl, String clientId, String clientSecret, String webhookId,
                      URI webhookUrl, Clock clock) {
        this(builder().basePath(basePath).publicBaseUrl(publicBaseUrl).credentials(clientId, clientSecret)
                .webhookId(webhookId).webhookUrl(webhookUrl).clock(clock).validated());
    }

    private MockPayPal(Builder builder) {
        this.basePath = builder.basePath;
        this.publicBaseUrl = builder.publicBaseUrl;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.clock = builder.clock;
        this.tokens = new MockTokens(builder.tokenLifetime);
        this.signer = new WebhookSigner(publicBaseUrl);
        this.webhooks = new WebhookDispatcher(builder.webhookUrl, builder.webhookId, signer, clock, builder.retryDelays);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL to give {@link dev.ticketing.payments.provider.paypal.PayPalConfig}. */
    public URI baseUrl() {
        return publicBaseUrl;
    }

    public String basePath() {
        return basePath;
    }

    /** What PAYPAL-CERT-URL says on every webhook; it serves {@link #publicKeyPem()}. */
    public URI certUrl() {
        return signer.certUrl();
    }

    public String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /** Every webhook event emitted so far, oldest first, with its delivery attempts. */
    public List<SentWebhook> sentWebhooks() {
        return webhooks.sent();
    }

    /** Delivers an emitted event again (new transmission, same event id), as PayPal's resend does. */
    public void redeliver(String eventId) {
        webhooks.redeliver(eventId);
    }

    /** How many OAuth tokens were handed out; shows whether a client caches its token. */
    public int tokensIssued() {
        return tokens.issued();
    }

    /** The buyer approves, as the Approve button does. */
    public void approve(String orderId) {
        requireSuccess(buyerAction(orderId, "approve"));
    }

    /** The buyer cancels, as the Cancel button does. */
    public void cancel(String orderId) {
        requireSuccess(buyerAction(orderId, "cancel"));
    }

    /**
     * A chargeback: PayPal takes the rest of the capture back from the merchant, shows it as a refund of the order,
     * and sends {@code PAYMENT.CAPTURE.REVERSED}.
     */
    public void reverse(String captureId) {
        MockOrder order = ordersByCapture.get(captureId);
        if (order == null) {
            throw new IllegalArgumentException("no capture " + captureId);
        }
        MockOrder.RefundTransition reversal = order.refund(null, null, clock.instant());
        if (reversal.resource() == null) {
            throw new IllegalStateException("capture " + captureId + " cannot be reversed: " + reversal.answer().body());
        }
        emit(PayPalWebhookEvent.PAYMENT_CAPTURE_REVERSED, PayPalWebhookEvent.RESOURCE_REFUND,
                "A payment capture was reversed", reversal.resource());
    }

    /**
     * Sends a correctly signed webhook with any content, as an attacker holding a valid signature for other bytes
     * could (PayPal's signature covers only a CRC32 of the body). Returns the event id.
     */
    public String sendSigned(String eventType, String resourceType, JsonNode resource) {
        return emit(eventType, resourceType, "crafted", resource);
    }

    /** While on, every new order is refused (422 PAYEE_ACCOUNT_RESTRICTED): a provider that cannot start checkouts. */
    public void refuseOrders(boolean refuse) {
        this.refuseOrders = refuse;
    }

    private volatile boolean refuseOrders;

    /** While on, every capture answers 500 INTERNAL_SERVER_ERROR and captures nothing: PayPal failing mid-purchase. */
    public void failCaptures(boolean fail) {
        this.failCaptures = fail;
    }

    private volatile boolean failCaptures;

    /**
     * While on, a capture is held for review: answered PENDING, the order COMPLETED, no webhook, until
     * {@link #completeCapture}.
     */
    public void pendingCaptures(boolean pending) {
        this.pendingCaptures = pending;
    }

    private volatile boolean pendingCaptures;

    /** PayPal's review of a pending capture is over: it is COMPLETED and PAYMENT.CAPTURE.COMPLETED is sent. */
    public void completeCapture(String orderId) {
        MockOrder order = requireOrder(orderId);
        if (order.completeCapture(clock.instant())) {
            emit(PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED, PayPalWebhookEvent.RESOURCE_CAPTURE,
                    "Payment completed for " + order.amountText(), order.captureWebhookResource());
        }
    }

    /** PayPal voids an order on its side (expired, or stopped by its risk checks): it shows VOIDED from now on. */
    public void voidOrder(String orderId) {
        if (!requireOrder(orderId).voidOrder(clock.instant())) {
            throw new IllegalStateException("order " + orderId + " is completed and cannot be voided");
        }
    }

    /**
     * The mock forgets an order, as it forgets every order when its process is killed: from now on it is 404
     * RESOURCE_NOT_FOUND, as PayPal answers for an order it does not know.
     */
    public void forget(String orderId) {
        orders.remove(orderId);
    }

    private MockOrder requireOrder(String orderId) {
        MockOrder order = orders.get(orderId);
        if (order == null) {
            throw new IllegalArgumentException("no order " + orderId);
        }
        return order;
    }

    /** While on, webhooks are recorded but never delivered. */
    public void dropWebhooks(boolean drop) {
        webhooks.drop(drop);
    }

    /** Every REST answer is held back this long before it goes out: a slow provider. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    private volatile Duration latency = Duration.ZERO;

    @Override
    public void close() {
        webhooks.close();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            HttpReply reply;
            try {
                if (!latency.isZero()) {
                    Thread.sleep(latency.toMillis());
                }
                reply = route(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("mock PayPal failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = jsonReply(MockAnswer.error(500, "INTERNAL_SERVER_ERROR", null, null));
            }
            write(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private HttpReply route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(basePath + "/")) {
            return jsonReply(MockAnswer.notFound("No such path."));
        }
        String local = path.substring(basePath.length());
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        LOG.debug("mock PayPal {} {}", method, local);
        Matcher match;

        if (local.equals("/v1/oauth2/token")) {
            return "POST".equals(method) ? jsonReply(token(exchange, body)) : methodNotAllowed();
        }
        if (local.equals("/checkoutnow")) {
            return "GET".equals(method) ? checkoutPage(query(exchange, "token")) : methodNotAllowed();
        }
        if ((match = BUYER_ACTION.matcher(local)).matches()) {
            return "POST".equals(method) ? buyerReply(exchange, match.group(1), match.group(2)) : methodNotAllowed();
        }
        if ((match = CERT.matcher(local)).matches()) {
            if (!"GET".equals(method)) {
                return methodNotAllowed();
            }
            return match.group(1).equals(signer.certId())
                    ? new HttpReply(200, "application/x-pem-file", signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII), null)
                    : jsonReply(MockAnswer.notFound("No such certificate."));
        }

        if (!authorized(exchange)) {
            return jsonReply(MockAnswer.error(401, "AUTHENTICATION_FAILURE", null, null));
        }
        String requestId = exchange.getRequestHeaders().getFirst("PayPal-Request-Id");
        if (local.equals("/v2/checkout/orders")) {
            if (refuseOrders && "POST".equals(method)) {
                return jsonReply(MockAnswer.unprocessable("PAYEE_ACCOUNT_RESTRICTED",
                        "The merchant account is restricted."));
            }
            return "POST".equals(method)
                    ? jsonReply(idempotent.answer(key("create", local, requestId), () -> createOrder(body)))
                    : methodNotAllowed();
        }
        if ((match = ORDER_CAPTURE.matcher(local)).matches()) {
            String orderId = match.group(1);
            return "POST".equals(method)
                    ? jsonReply(idempotent.answer(key("capture", local, requestId), () -> captureOrder(orderId)))
                    : methodNotAllowed();
        }
        if ((match = ORDER.matcher(local)).matches()) {
            return "GET".equals(method) ? jsonReply(getOrder(match.group(1))) : methodNotAllowed();
        }
        if ((match = CAPTURE_REFUND.matcher(local)).matches()) {
            String captureId = match.group(1);
            return "POST".equals(method)
                    ? jsonReply(idempotent.answer(key("refund", local, requestId), () -> refundCapture(captureId, body)))
                    : methodNotAllowed();
        }
        if ((match = CAPTURE.matcher(local)).matches()) {
            return "GET".equals(method) ? jsonReply(getCapture(match.group(1))) : methodNotAllowed();
        }
        if (local.equals("/v1/notifications/verify-webhook-signature")) {
            return "POST".equals(method) ? jsonReply(verifyWebhookSignature(body)) : methodNotAllowed();
        }
        return jsonReply(MockAnswer.notFound("No such path."));
    }

    private MockAnswer token(HttpExchange exchange, byte[] body) {
        if (!clientCredentialsMatch(exchange.getRequestHeaders().getFirst("Authorization"))) {
            ObjectNode error = json.createObjectNode()
                    .put("error", "invalid_client")
                    .put("error_description", "Client Authentication failed");
            return new MockAnswer(401, error);
        }
        String grantType = formField(new String(body, StandardCharsets.UTF_8), "grant_type");
        if (!"client_credentials".equals(grantType)) {
            ObjectNode error = json.createObjectNode()
                    .put("error", "unsupported_grant_type")
                    .put("error_description", "Grant Type is NULL or not supported");
            return new MockAnswer(400, error);
        }
        ObjectNode answer = json.createObjectNode()
                .put("scope", "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund "
                        + "https://uri.paypal.com/services/applications/webhooks")
                .put("access_token", tokens.issue(clock.instant()))
                .put("token_type", "Bearer")
                .put("app_id", "APP-MOCKPAYPAL")
                .put("expires_in", tokens.lifetime().toSeconds())
                .put("nonce", MockOrder.time(clock.instant()) + PayPalIds.random(20));
        return MockAnswer.ok(answer);
    }

    private MockAnswer createOrder(byte[] body) {
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return MockAnswer.invalidRequest("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        if (!"CAPTURE".equals(request.path("intent").asText())) {
            return MockAnswer.invalidRequest("INVALID_PARAMETER_VALUE", "The mock supports intent CAPTURE only.");
        }
        JsonNode units = request.path("purchase_units");
        if (!units.isArray() || units.size() != 1) {
            return MockAnswer.invalidRequest("INVALID_ARRAY_MAX_ITEMS", "The mock supports exactly one purchase unit.");
        }
        JsonNode unit = units.get(0);
        Money money = money(unit.path("amount"));
        if (money.refusal() != null) {
            return money.refusal();
        }
        boolean payerActionFlow = request.path("payment_source").has("paypal");
        JsonNode context = payerActionFlow
                ? request.path("payment_source").path("paypal").path("experience_context")
                : request.path("application_context");
        URI returnUrl;
        URI cancelUrl;
        try {
            returnUrl = optionalUri(context.path("return_url"));
            cancelUrl = optionalUri(context.path("cancel_url"));
        } catch (URISyntaxException e) {
            return MockAnswer.invalidRequest("INVALID_PARAMETER_SYNTAX", "return_url and cancel_url must be absolute URLs.");
        }
        MockOrder order = new MockOrder(PayPalIds.order(), unit.path("reference_id").asText("default"),
                text(unit.path("custom_id")), money.value(), money.currency(), returnUrl, cancelUrl, payerActionFlow,
                clock.instant(), publicBaseUrl);
        orders.put(order.id(), order);
        LOG.info("mock PayPal order {} created for {}", order.id(), order.amountText());
        return MockAnswer.created(order.toJson());
    }

    private MockAnswer getOrder(String orderId) {
        MockOrder order = orders.get(orderId);
        return order == null ? MockAnswer.notFound("Order " + orderId + " does not exist.") : MockAnswer.ok(order.toJson());
    }

    private MockAnswer captureOrder(String orderId) {
        MockOrder order = orders.get(orderId);
        if (order == null) {
            return MockAnswer.notFound("Order " + orderId + " does not exist.");
        }
        if (failCaptures) {
            return MockAnswer.error(500, "INTERNAL_SERVER_ERROR", null, null);
        }
        MockOrder.Transition capture = order.capture(clock.instant(), pendingCaptures);
        if (capture.changed() && pendingCaptures) {
            ordersByCapture.put(order.captureId(), order);
            LOG.info("mock PayPal order {} captured as {}, pending review", orderId, order.captureId());
        } else if (capture.changed()) {
            ordersByCapture.put(order.captureId(), order);
            LOG.info("mock PayPal order {} captured as {}", orderId, order.captureId());
            emit(PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED, PayPalWebhookEvent.RESOURCE_CAPTURE,
                    "Payment completed for " + order.amountText(), order.captureWebhookResource());
        }
        return capture.answer();
    }

    private MockAnswer getCapture(String captureId) {
        MockOrder order = ordersByCapture.get(captureId);
        return order == null ? MockAnswer.notFound("Capture " + captureId + " does not exist.") : MockAnswer.ok(order.captureJson());
    }

    private MockAnswer refundCapture(String captureId, byte[] body) {
        MockOrder order = ordersByCapture.get(captureId);
        if (order == null) {
            return MockAnswer.notFound("Capture " + captureId + " does not exist.");
        }
        JsonNode request = body.length == 0 ? json.createObjectNode() : parse(body);
        if (request == null || !request.isObject()) {
            return MockAnswer.invalidRequest("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        BigDecimal amount = null;
        String currency = null;
        if (request.has("amount")) {
            Money money = money(request.path("amount"));
            if (money.refusal() != null) {
                return money.refusal();
            }
            amount = money.value();
            currency = money.currency();
        }
        MockOrder.RefundTransition refund = order.refund(amount, currency, clock.instant());
        if (refund.resource() != null) {
            String refunded = PayPalMoney.format(refund.amount(), order.currency()) + " " + order.currency();
            LOG.info("mock PayPal capture {} refunded {}", captureId, refunded);
            emit(PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED, PayPalWebhookEvent.RESOURCE_REFUND,
                    "A " + refunded + " capture payment was refunded", refund.resource());
        }
        return refund.answer();
    }

    private MockAnswer buyerAction(String orderId, String action) {
        MockOrder order = orders.get(orderId);
        if (order == null) {
            return MockAnswer.notFound("Order " + orderId + " does not exist.");
        }
        if ("approve".equals(action)) {
            MockOrder.Transition approval = order.approve(clock.instant());
            if (approval.changed()) {
                LOG.info("mock PayPal order {} approved by the buyer", orderId);
                emit(PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED, PayPalWebhookEvent.RESOURCE_CHECKOUT_ORDER,
                        "An order has been approved by buyer", approval.answer().body());
            }
            return approval.answer();
        }
        // PayPal has no webhook for a buyer walking away; the order just shows VOIDED from now on
        MockOrder.Transition cancellation = order.cancel(clock.instant());
        if (cancellation.changed()) {
            LOG.info("mock PayPal order {} cancelled by the buyer", orderId);
        }
        return cancellation.answer();
    }

    /** Scripts get JSON; a browser's form post goes back to the shop, as PayPal's page sends the buyer back. */
    private HttpReply buyerReply(HttpExchange exchange, String orderId, String action) {
        MockAnswer answer = buyerAction(orderId, action);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean fromForm = contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
        if (!fromForm) {
            return jsonReply(answer);
        }
        if (!answer.isSuccess()) {
            String reason = answer.body().path("details").path(0).path("description").asText(answer.body().path("message").asText());
            return htmlReply(answer.status(), CheckoutPage.result("Not possible", reason));
        }
        MockOrder order = orders.get(orderId);
        boolean approved = "approve".equals(action);
        URI back = approved ? order.returnUrl() : order.cancelUrl();
        if (back == null) {
            return htmlReply(200, CheckoutPage.result(approved ? "Payment approved" : "Payment cancelled",
                    "Order " + orderId + " is " + order.status() + "."));
        }
        String query = "token=" + orderId + (approved ? "&PayerID=" + order.payerId() : "");
        String location = back + (back.getRawQuery() == null ? "?" : "&") + query;
        return new HttpReply(303, null, new byte[0], location);
    }

    private HttpReply checkoutPage(String orderId) {
        MockOrder order = orderId == null ? null : orders.get(orderId);
        if (order == null) {
            return htmlReply(404, CheckoutPage.result("Unknown order", "There is no order " + orderId + "."));
        }
        return htmlReply(200, CheckoutPage.render(order.toJson()));
    }

    /**
     * PayPal's postback check. The signature covers a CRC32 of the event, and the event arrives here as parsed
     * JSON, so it is written back in the same compact form the mock posted: a changed value fails, a merely
     * re-indented body would pass, as with PayPal.
     */
    /** How many signature verifications were asked for: shows which webhooks cost an outbound call. */
    public int verifications() {
        return verifications.get();
    }

    private final java.util.concurrent.atomic.AtomicInteger verifications = new java.util.concurrent.atomic.AtomicInteger();

    private MockAnswer verifyWebhookSignature(byte[] body) {
        verifications.incrementAndGet();
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return MockAnswer.invalidRequest("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        for (String field : VERIFY_FIELDS) {
            if (text(request.path(field)) == null) {
                return MockAnswer.error(400, "VALIDATION_ERROR", "MISSING_REQUIRED_PARAMETER", field + " is required.");
            }
        }
        JsonNode event = request.path("webhook_event");
        if (!event.isObject()) {
            return MockAnswer.error(400, "VALIDATION_ERROR", "MISSING_REQUIRED_PARAMETER", "webhook_event is required.");
        }
        boolean genuine;
        try {
            genuine = PayPalWebhookHeaders.SHA256_WITH_RSA.equals(text(request.path("auth_algo")))
                    && signer.certUrl().toString().equals(text(request.path("cert_url")))
                    && signer.verify(text(request.path("transmission_id")), text(request.path("transmission_time")),
                            text(request.path("webhook_id")), json.writeValueAsBytes(event), text(request.path("transmission_sig")));
        } catch (JsonProcessingException e) {
            genuine = false;
        }
        return MockAnswer.ok(json.createObjectNode().put("verification_status", genuine ? "SUCCESS" : "FAILURE"));
    }

    private String emit(String eventType, String resourceType, String summary, JsonNode resource) {
        String eventId = PayPalIds.event();
        ObjectNode event = MockWebhookEvents.envelope(eventId, eventType, resourceType, summary, resource,
                clock.instant(), publicBaseUrl);
        try {
            webhooks.send(eventId, eventType, json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook event", e);
        }
        return eventId;
    }

    private Money money(JsonNode amount) {
        String currency = text(amount.path("currency_code"));
        String value = text(amount.path("value"));
        if (currency == null || value == null) {
            return Money.refused(MockAnswer.invalidRequest("MISSING_REQUIRED_PARAMETER", "amount needs currency_code and value."));
        }
        if (!PayPalMoney.CURRENCIES.contains(currency)) {
            // as PayPal answers an order in a currency missing from its list (e.g. KWD, BHD)
            return Money.refused(MockAnswer.unprocessable("CURRENCY_NOT_SUPPORTED", "Currency code is not currently supported."));
        }
        int decimals = PayPalMoney.decimals(currency);
        BigDecimal parsed;
        try {
            parsed = PayPalMoney.parse(value);
        } catch (IllegalArgumentException e) {
            return Money.refused(MockAnswer.invalidRequest("INVALID_PARAMETER_SYNTAX", "amount.value is not a decimal."));
        }
        if (parsed.signum() <= 0) {
            return Money.refused(MockAnswer.unprocessable("CANNOT_BE_ZERO_OR_NEGATIVE", "amount.value must be positive."));
        }
        if (parsed.scale() > decimals) {
            return Money.refused(MockAnswer.unprocessable("DECIMAL_PRECISION",
                    currency + " takes at most " + decimals + " decimals."));
        }
        return new Money(parsed, currency, null);
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ")
                && tokens.isValid(header.substring("Bearer ".length()).trim(), clock.instant());
    }

    private boolean clientCredentialsMatch(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, decoded.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private HttpReply jsonReply(MockAnswer answer) {
        try {
            return new HttpReply(answer.status(), "application/json", json.writeValueAsBytes(answer.body()), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write answer", e);
        }
    }

    private static HttpReply htmlReply(int status, String html) {
        return new HttpReply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null);
    }

    private HttpReply methodNotAllowed() {
        return jsonReply(MockAnswer.error(405, "METHOD_NOT_SUPPORTED", null, null));
    }

    private static void write(HttpExchange exchange, HttpReply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        if (reply.location() != null) {
            exchange.getResponseHeaders().set("Location", reply.location());
        }
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** PayPal-Request-Id is scoped to the operation and resource it was sent with. */
    private static String key(String operation, String path, String requestId) {
        return requestId == null || requestId.isBlank() ? null : operation + " " + path + " " + requestId;
    }

    private static String query(HttpExchange exchange, String name) {
        return formField(exchange.getRequestURI().getRawQuery(), name);
    }

    private static String formField(String form, String name) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static URI optionalUri(JsonNode node) throws URISyntaxException {
        String text = text(node);
        if (text == null) {
            return null;
        }
        URI uri = new URI(text);
        if (!uri.isAbsolute()) {
            throw new URISyntaxException(text, "not absolute");
        }
        return uri;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static void requireSuccess(MockAnswer answer) {
        if (!answer.isSuccess()) {
            throw new IllegalStateException(answer.body().toString());
        }
    }

    private record HttpReply(int status, String contentType, byte[] body, String location) {
    }

    /** A parsed amount, or the answer refusing it. */
    private record Money(BigDecimal value, String currency, MockAnswer refusal) {
        static Money refused(MockAnswer refusal) {
            return new Money(null, null, refusal);
        }
    }

    public static final class Builder {
        private String basePath = "/mock-paypal";
        private URI publicBaseUrl;
        private String clientId;
        private String clientSecret;
        private String webhookId;
        private URI webhookUrl;
        private Clock clock = Clock.systemUTC();
        private List<Duration> retryDelays = DEFAULT_RETRY_DELAYS;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;

        private Builder() {
        }

        /** Where the mock is mounted; default {@code /mock-paypal}. */
        public Builder basePath(String basePath) {
            this.basePath = basePath;
            return this;
        }

        /** The absolute URL of the mount, as clients and browsers reach it. */
        public Builder publicBaseUrl(URI publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl;
            return this;
        }

        public Builder credentials(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder webhookId(String webhookId) {
            this.webhookId = webhookId;
            return this;
        }

        /** Where webhooks go; null (the default) records them without posting. */
        public Builder webhookUrl(URI webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The waits before each retry of a failed delivery; one attempt plus one per delay. */
        public Builder webhookRetryDelays(List<Duration> retryDelays) {
            this.retryDelays = List.copyOf(retryDelays);
            return this;
        }

        public Builder tokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        public MockPayPal build() {
            return new MockPayPal(validated());
        }

        private Builder validated() {
            if (basePath == null || !basePath.startsWith("/") || basePath.endsWith("/")) {
                throw new IllegalArgumentException("base path must start with / and not end with one, e.g. /mock-paypal");
            }
            if (publicBaseUrl == null || !publicBaseUrl.isAbsolute()) {
                throw new IllegalArgumentException("public base URL must be absolute, e.g. http://127.0.0.1:3000/mock-paypal");
            }
            String base = publicBaseUrl.toString();
            publicBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            for (String value : new String[] {clientId, clientSecret, webhookId}) {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("client id, client secret and webhook id are required");
                }
            }
            if (clock == null || tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("clock and a positive token lifetime are required");
            }
            return this;
        }
    }
}
