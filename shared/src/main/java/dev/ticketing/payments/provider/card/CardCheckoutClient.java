package dev.ticketing.payments.provider.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.payments.provider.paypal.PayPalJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hosted card checkout's REST API: sessions (create, get, capture, void) and refunds of charges, with
 * {@code Authorization: Bearer <apiKey>}; {@code Idempotency-Key} makes create, capture, void and refund safe to
 * repeat.
 * Amounts are decimal strings with a currency, as everywhere in this system.
 */
public final class CardCheckoutClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /**
     * The currencies the card checkout takes: every ISO 4217 currency with a minor unit (the JDK's list), as card
     * gateways do; codes without one (gold, test and fund codes such as XAU, XTS, XDR) are refused.
     */
    public static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .filter(currency -> currency.getDefaultFractionDigits() >= 0)
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final CardCheckoutConfig config;
    private final HttpClient http;
    private final ObjectMapper json = PayPalJson.newMapper();

    public CardCheckoutClient(CardCheckoutConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    public CardSession createSession(String idempotencyKey, BigDecimal amount, String currency, String reference,
                                     String holdId, URI successUrl, URI cancelUrl) {
        ObjectNode body = json.createObjectNode()
                .put("amount", money(amount, currency))
                .put("currency", currency)
                .put("reference", reference)
                .put("success_url", successUrl.toString())
                .put("cancel_url", cancelUrl.toString());
        body.putObject("metadata").put("hold_id", holdId);
        return session(call("POST", "/v1/checkout/sessions", body, idempotencyKey));
    }

    public CardSession getSession(String sessionId) {
        return session(call("GET", "/v1/checkout/sessions/" + id(sessionId), null, null));
    }

    public CardSession capture(String sessionId, String idempotencyKey) {
        return session(call("POST", "/v1/checkout/sessions/" + id(sessionId) + "/capture", json.createObjectNode(),
                idempotencyKey));
    }

    /** Voids a session that will not be captured: an authorization on the card is released, an open session closed. */
    public CardSession voidSession(String sessionId, String idempotencyKey) {
        return session(call("POST", "/v1/checkout/sessions/" + id(sessionId) + "/void", json.createObjectNode(),
                idempotencyKey));
    }

    /** Refunds {@code amount} of a charge; answers the refund's id and status (succeeded, pending, failed). */
    public CardRefund refund(String chargeId, BigDecimal amount, String currency, String idempotencyKey) {
        ObjectNode body = json.createObjectNode()
                .put("amount", money(amount, currency))
                .put("currency", currency);
        JsonNode answer = call("POST", "/v1/charges/" + id(chargeId) + "/refunds", body, idempotencyKey);
        return new CardRefund(text(answer, "id"), text(answer, "status"));
    }

    private JsonNode call(String method, String path, JsonNode body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response;
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CardCheckoutException(0, null, method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardCheckoutException(0, null, method + " " + path + ": interrupted", e);
        }
        JsonNode answer;
        try {
            answer = response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CardCheckoutException(response.statusCode(), null, method + " " + path + " answered non-JSON", e);
        }
        if (response.statusCode() / 100 != 2) {
            JsonNode error = answer.path("error");
            throw new CardCheckoutException(response.statusCode(), text(error, "code"), text(error, "message"), null);
        }
        return answer;
    }

    /** An ISO 4217 amount string with the currency's decimals; more decimals than that are refused, never rounded. */
    static String money(BigDecimal amount, String currency) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        int decimals = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        try {
            return amount.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount.toPlainString() + " has more decimals than " + currency + " allows");
        }
    }

    private static CardSession session(JsonNode answer) {
        String url = text(answer, "url");
        JsonNode charge = answer.path("charge");
        return new CardSession(text(answer, "id"), text(answer, "status"), url == null ? null : URI.create(url),
                text(answer, "reference"), text(charge, "id"), text(charge, "status"), decimal(text(answer, "amount")),
                text(answer, "currency"), Optional.ofNullable(decimal(text(charge, "amount_refunded"))).orElse(BigDecimal.ZERO));
    }

    private static BigDecimal decimal(String value) {
        return value == null || !value.matches("[0-9]+(\\.[0-9]+)?") ? null : new BigDecimal(value);
    }

    private static String id(String id) {
        if (id == null || !RESOURCE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a card checkout id: " + id);
        }
        return id;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
