package dev.ticketing.local.cardcheckout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ticketing.payments.provider.card.CardCheckoutClient;
import dev.ticketing.payments.provider.card.CardSession;
import dev.ticketing.payments.provider.card.CardWebhookEvent;
import dev.ticketing.payments.provider.card.CheckoutSignature;
import dev.ticketing.payments.provider.paypal.PayPalJson;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small hosted card checkout for the local stack (the {@code OTHER} provider), with the shape of card gateways
 * such as Stripe Checkout, served under a base path:
 * <pre>
 * POST /v1/checkout/sessions               create (Bearer API key, Idempotency-Key) -> {id, status:open, url, ...}
 * GET  /v1/checkout/sessions/{id}          the session
 * POST /v1/checkout/sessions/{id}/capture  take the money of an authorized session -> status complete, charge
 * POST /v1/checkout/sessions/{id}/void     release it: an authorized session's hold on the card is voided, an open
 *                                          one can no longer be paid -> status voided (409 once captured)
 * POST /v1/charges/{id}/refunds            give it back (the whole rest by default)
 * GET  /pay/{id}                           the hosted page with Pay and Cancel
 * POST /pay/{id}/pay | /pay/{id}/cancel    the buyer's buttons (JSON for scripts; a form post is redirected back)
 * </pre>
 * Webhooks ({@code checkout.session.authorized}, {@code checkout.session.cancelled}, {@code charge.captured},
 * {@code charge.refunded}) are signed {@code Checkout-Signature: t=..,v1=<HMAC-SHA256 of "t.body">} and retried.
 */
public final class MockCardCheckout implements HttpHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MockCardCheckout.class);
    private static final Pattern SESSION = Pattern.compile("/v1/checkout/sessions/([A-Za-z0-9_]+)");
    private static final Pattern CAPTURE = Pattern.compile("/v1/checkout/sessions/([A-Za-z0-9_]+)/capture");
    private static final Pattern VOID = Pattern.compile("/v1/checkout/sessions/([A-Za-z0-9_]+)/void");
    private static final Pattern REFUNDS = Pattern.compile("/v1/charges/([A-Za-z0-9_]+)/refunds");
    private static final Pattern PAGE = Pattern.compile("/pay/([A-Za-z0-9_]+)");
    private static final Pattern BUTTON = Pattern.compile("/pay/([A-Za-z0-9_]+)/(pay|cancel)");

    private final String basePath;
    private final URI publicBaseUrl;
    private final String apiKey;
    private final Clock clock;
    private final ObjectMapper json = PayPalJson.newMapper();
    private final CardWebhookDispatcher webhooks;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Session> byCharge = new ConcurrentHashMap<>();
    private final Map<String, Answer> idempotent = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** A session and its charge; transitions are synchronized on the session. */
    private static final class Session {
        final String id;
        final BigDecimal amount;
        final String currency;
        final String reference;
        final JsonNode metadata;
        final URI successUrl;
        final URI cancelUrl;
        final long created;
        String status = CardSession.OPEN;
        String chargeId;
        BigDecimal refunded = BigDecimal.ZERO;

        Session(String id, BigDecimal amount, String currency, String reference, JsonNode metadata, URI successUrl,
                URI cancelUrl, long created) {
            this.id = id;
            this.amount = amount;
            this.currency = currency;
            this.reference = reference;
            this.metadata = metadata;
            this.successUrl = successUrl;
            this.cancelUrl = cancelUrl;
            this.created = created;
        }
    }

    private record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    public MockCardCheckout(String basePath, URI publicBaseUrl, String apiKey, String webhookSecret, URI webhookUrl,
                            Clock clock, List<Duration> retryDelays) {
        this.basePath = basePath;
        String base = publicBaseUrl.toString();
        this.publicBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.apiKey = apiKey;
        this.clock = clock;
        this.webhooks = new CardWebhookDispatcher(webhookUrl,
                new CheckoutSignature(webhookSecret, CheckoutSignature.DEFAULT_TOLERANCE, clock), retryDelays);
    }

    public URI baseUrl() {
        return publicBaseUrl;
    }

    /** The buyer pays, as the Pay button does. */
    public void pay(String sessionId) {
        require(buyer(sessionId, "pay"));
    }

    /** The buyer cancels, as the Cancel button does. */
    public void cancel(String sessionId) {
        require(buyer(sessionId, "cancel"));
    }

    /** Delivers an emitted event again (same id, new signature). */
    public void redeliver(String eventId) {
        webhooks.redeliver(eventId);
    }

    /** Every event emitted so far as {@code eventId -> type}, oldest first. */
    public List<Map.Entry<String, String>> sentWebhooks() {
        return webhooks.sent().stream().map(sent -> Map.entry(sent.eventId(), sent.type())).toList();
    }

    /** The raw body of an emitted event, byte for byte as posted. */
    public String webhookBody(String eventId) {
        return webhooks.sent().stream().filter(s -> s.eventId().equals(eventId)).findFirst()
                .map(CardWebhookDispatcher.Sent::body).orElseThrow();
    }

    /**
     * A session's status: open, authorized (money held on the buyer's card), complete, cancelled, expired or voided;
     * null for an unknown session. What a test asserts when nothing may stay authorized.
     */
    public String status(String sessionId) {
        String described = describe(sessionId);
        return "unknown".equals(described) ? null : described.split(" ", 2)[0];
    }

    /** While on, every void answers 500 and voids nothing: the gateway failing just then. */
    public void failVoids(boolean fail) {
        this.failVoids = fail;
    }

    private volatile boolean failVoids;

    /** A session's state in a few words (status, charge, amount refunded), for tests and logs. */
    public String describe(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return "unknown";
        }
        synchronized (session) {
            return session.status + (session.chargeId == null ? "" : " charge " + session.chargeId)
                    + " refunded " + session.refunded.toPlainString();
        }
    }

    @Override
    public void close() {
        webhooks.close();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (RuntimeException e) {
                LOG.error("mock card checkout failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = jsonReply(error(500, "api_error", "internal error"));
            }
            write(exchange, reply);
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(basePath + "/")) {
            return jsonReply(error(404, "resource_missing", "No such path"));
        }
        String local = path.substring(basePath.length());
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Matcher match;
        if ((match = BUTTON.matcher(local)).matches() && "POST".equals(method)) {
            return buttonReply(exchange, match.group(1), match.group(2));
        }
        if ((match = PAGE.matcher(local)).matches() && "GET".equals(method)) {
            return page(match.group(1));
        }
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return jsonReply(error(401, "authentication_required", "Invalid API key"));
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (local.equals("/v1/checkout/sessions") && "POST".equals(method)) {
            return jsonReply(once("create " + key, key, () -> create(body)));
        }
        if ((match = CAPTURE.matcher(local)).matches() && "POST".equals(method)) {
            String id = match.group(1);
            return jsonReply(once("capture " + id + " " + key, key, () -> capture(id)));
        }
        if ((match = VOID.matcher(local)).matches() && "POST".equals(method)) {
            String id = match.group(1);
            return jsonReply(failVoids ? error(500, "api_error", "internal error")
                    : once("void " + id + " " + key, key, () -> voidSession(id)));
        }
        if ((match = SESSION.matcher(local)).matches() && "GET".equals(method)) {
            Session session = sessions.get(match.group(1));
            return jsonReply(session == null ? error(404, "resource_missing", "No such session") : new Answer(200, toJson(session)));
        }
        if ((match = REFUNDS.matcher(local)).matches() && "POST".equals(method)) {
            String id = match.group(1);
            return jsonReply(once("refund " + id + " " + key, key, () -> refund(id, body)));
        }
        return jsonReply(error(404, "resource_missing", "No such path"));
    }

    private Answer create(byte[] body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            return error(400, "parameter_invalid", "The body is not JSON");
        }
        String currency = text(request, "currency");
        String amountText = text(request, "amount");
        String success = text(request, "success_url");
        String cancel = text(request, "cancel_url");
        if (currency == null || amountText == null || success == null || cancel == null) {
            return error(400, "parameter_missing", "amount, currency, success_url and cancel_url are required");
        }
        if (!CardCheckoutClient.CURRENCIES.contains(currency)) {
            return error(400, "currency_not_supported", "The currency " + currency + " is not supported");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountText);
        } catch (NumberFormatException e) {
            return error(400, "parameter_invalid", "amount must be a decimal string");
        }
        if (amount.signum() <= 0) {
            return error(400, "parameter_invalid", "amount must be positive");
        }
        Session session = new Session("cs_" + id(), amount, currency, text(request, "reference"),
                request.path("metadata"), URI.create(success), URI.create(cancel), clock.instant().getEpochSecond());
        sessions.put(session.id, session);
        LOG.info("mock card checkout session {} created for {} {}", session.id, amount.toPlainString(), currency);
        return new Answer(201, toJson(session));
    }

    /** {@code transition} applied to the session under its lock; 404 for an unknown session. */
    private Answer onSession(String sessionId, java.util.function.Function<Session, Answer> transition) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return error(404, "resource_missing", "No such session");
        }
        synchronized (session) {
            return transition.apply(session);
        }
    }

    private Answer capture(String sessionId) {
        return onSession(sessionId, session -> {
            if (CardSession.COMPLETE.equals(session.status)) {
                return new Answer(200, toJson(session));
            }
            if (!CardSession.AUTHORIZED.equals(session.status)) {
                return error(409, "session_not_authorized", "The session is " + session.status);
            }
            session.status = CardSession.COMPLETE;
            session.chargeId = "ch_" + id();
            byCharge.put(session.chargeId, session);
            emit(CardWebhookEvent.CHARGE_CAPTURED, chargeJson(session));
            LOG.info("mock card checkout session {} captured as {}", session.id, session.chargeId);
            return new Answer(200, toJson(session));
        });
    }

    private Answer voidSession(String sessionId) {
        return onSession(sessionId, session -> {
            if (CardSession.COMPLETE.equals(session.status)) {
                return error(409, "session_already_captured", "The session is complete; refund its charge instead");
            }
            if (CardSession.OPEN.equals(session.status) || CardSession.AUTHORIZED.equals(session.status)) {
                LOG.info("mock card checkout session {} voided ({} before)", session.id, session.status);
                session.status = CardSession.VOIDED;
            }
            return new Answer(200, toJson(session));
        });
    }

    private Answer refund(String chargeId, byte[] body) {
        Session session = byCharge.get(chargeId);
        if (session == null) {
            return error(404, "resource_missing", "No such charge");
        }
        JsonNode request;
        try {
            request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return error(400, "parameter_invalid", "The body is not JSON");
        }
        synchronized (session) {
            BigDecimal left = session.amount.subtract(session.refunded);
            if (left.signum() <= 0) {
                return error(409, "charge_already_refunded", "The charge has been refunded");
            }
            BigDecimal amount = text(request, "amount") == null ? left : new BigDecimal(text(request, "amount"));
            if (amount.compareTo(left) > 0 || amount.signum() <= 0) {
                return error(400, "amount_too_large", "At most " + left.toPlainString() + " can be refunded");
            }
            session.refunded = session.refunded.add(amount);
            ObjectNode refund = JsonNodeFactory.instance.objectNode()
                    .put("id", "re_" + id()).put("object", "refund").put("status", "succeeded")
                    .put("charge", chargeId).put("amount", amount.toPlainString()).put("currency", session.currency);
            emit(CardWebhookEvent.CHARGE_REFUNDED, chargeJson(session));
            LOG.info("mock card checkout charge {} refunded {}", chargeId, amount.toPlainString());
            return new Answer(201, refund);
        }
    }

    private Answer buyer(String sessionId, String action) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return error(404, "resource_missing", "No such session");
        }
        synchronized (session) {
            String wanted = "pay".equals(action) ? CardSession.AUTHORIZED : CardSession.CANCELLED;
            if (wanted.equals(session.status)) {
                return new Answer(200, toJson(session));
            }
            if (!CardSession.OPEN.equals(session.status)) {
                return error(409, "session_not_open", "The session is " + session.status);
            }
            session.status = wanted;
            emit("pay".equals(action) ? CardWebhookEvent.SESSION_AUTHORIZED : CardWebhookEvent.SESSION_CANCELLED, toJson(session));
            LOG.info("mock card checkout session {} {} by the buyer", session.id, session.status);
            return new Answer(200, toJson(session));
        }
    }

    private Reply buttonReply(HttpExchange exchange, String sessionId, String action) {
        Answer answer = buyer(sessionId, action);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded") || !answer.ok()) {
            return jsonReply(answer);
        }
        Session session = sessions.get(sessionId);
        URI back = "pay".equals(action) ? session.successUrl : session.cancelUrl;
        return new Reply(303, null, new byte[0], back.toString());
    }

    private Reply page(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return new Reply(404, "text/html; charset=utf-8", "<h1>Unknown session</h1>".getBytes(StandardCharsets.UTF_8), null);
        }
        String html;
        synchronized (session) {
            html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Card checkout</title>"
                    + "<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}button{font-size:1.1rem;"
                    + "padding:.5rem 1.5rem;margin-right:1rem}</style></head><body>\n<h1>Card checkout (mock)</h1>\n"
                    + "<p>Pay <strong id=\"amount\">" + session.amount.toPlainString() + " " + session.currency
                    + "</strong></p>\n<p>Card <code>4242 4242 4242 4242</code> (pretend)</p>\n"
                    + "<p>Status: <span id=\"status\">" + session.status + "</span></p>\n"
                    + (CardSession.OPEN.equals(session.status)
                        ? button(session.id, "pay", "Pay") + button(session.id, "cancel", "Cancel") : "")
                    + "</body></html>\n";
        }
        return new Reply(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String button(String sessionId, String action, String label) {
        return "<form method=\"post\" action=\"" + sessionId + "/" + action + "\" style=\"display:inline\">"
                + "<button type=\"submit\" id=\"" + action + "\">" + label + "</button></form>\n";
    }

    /** Idempotency-Key: the first successful answer for a key is kept and given again; one lock per key. */
    private Answer once(String scope, String key, Supplier<Answer> operation) {
        if (key == null || key.isBlank()) {
            return operation.get();
        }
        synchronized (locks.computeIfAbsent(scope, k -> new Object())) {
            Answer earlier = idempotent.get(scope);
            if (earlier != null) {
                return earlier;
            }
            Answer answer = operation.get();
            if (answer.ok()) {
                idempotent.put(scope, answer);
            }
            return answer;
        }
    }

    /** Whether the event reached the shop's webhook endpoint (a 2xx answer to one of its deliveries). */
    public boolean delivered(String eventId) {
        return webhooks.sent().stream().anyMatch(sent -> sent.eventId().equals(eventId) && sent.delivered());
    }

    /**
     * Sends a correctly signed event with any content, as whoever holds the webhook secret could; returns its id.
     */
    public String sendSigned(String type, JsonNode object) {
        return emit(type, object);
    }

    private String emit(String type, JsonNode object) {
        String eventId = "evt_" + id();
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("id", eventId).put("object", "event").put("type", type)
                .put("created", clock.instant().getEpochSecond());
        event.putObject("data").set("object", object);
        try {
            webhooks.send(eventId, type, json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    private ObjectNode toJson(Session session) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("id", session.id).put("object", "checkout.session").put("status", session.status)
                .put("amount", session.amount.toPlainString()).put("currency", session.currency)
                .put("reference", session.reference).put("created", session.created)
                .put("url", publicBaseUrl + "/pay/" + session.id)
                .put("success_url", session.successUrl.toString()).put("cancel_url", session.cancelUrl.toString());
        node.set("metadata", session.metadata.isMissingNode() ? JsonNodeFactory.instance.objectNode() : session.metadata);
        if (session.chargeId != null) {
            node.putObject("charge").put("id", session.chargeId).put("status", "succeeded")
                    .put("amount_refunded", session.refunded.toPlainString());
        } else {
            node.putNull("charge");
        }
        return node;
    }

    private static ObjectNode chargeJson(Session session) {
        return JsonNodeFactory.instance.objectNode()
                .put("id", session.chargeId).put("object", "charge").put("session", session.id)
                .put("reference", session.reference).put("status", "succeeded")
                .put("amount", session.amount.toPlainString()).put("currency", session.currency)
                .put("amount_refunded", session.refunded.toPlainString());
    }

    private boolean authorized(String header) {
        return header != null && header.startsWith("Bearer ")
                && MessageDigest.isEqual(apiKey.getBytes(StandardCharsets.UTF_8),
                        header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static Answer error(int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("type", status >= 500 ? "api_error" : "invalid_request_error")
                .put("code", code).put("message", message);
        return new Answer(status, body);
    }

    private Reply jsonReply(Answer answer) {
        try {
            return new Reply(answer.status(), "application/json", json.writeValueAsBytes(answer.body()), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        if (reply.location() != null) {
            exchange.getResponseHeaders().set("Location", reply.location());
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private static void require(Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException(answer.body().toString());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private record Reply(int status, String contentType, byte[] body, String location) {
    }
}
