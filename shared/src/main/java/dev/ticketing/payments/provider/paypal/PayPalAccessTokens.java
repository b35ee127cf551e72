package dev.ticketing.payments.provider.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth2 client-credentials tokens, kept until shortly before they expire: PayPal's tokens live for hours, and
 * asking for one per call would double every call's latency and run into PayPal's token rate limit.
 */
final class PayPalAccessTokens {
    /** Renew this long before PayPal's expiry, so a token never dies on its way to PayPal. */
    private static final Duration RENEW_AHEAD = Duration.ofMinutes(5);

    private final PayPalConfig config;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration timeout;

    private volatile Token current;

    PayPalAccessTokens(PayPalConfig config, HttpClient http, ObjectMapper json, Clock clock, Duration timeout) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    String current() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return token.value();
        }
        return renew(token);
    }

    /** PayPal refused {@code token} (revoked, or expired early): the next call fetches a new one. */
    void forget(String token) {
        synchronized (this) {
            if (current != null && current.value().equals(token)) {
                current = null;
            }
        }
    }

    private synchronized String renew(Token seen) {
        // another thread may have renewed while this one waited for the lock
        if (current != null && current != seen && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        String credentials = Base64.getEncoder().encodeToString(
                (config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(config.resolve("/v1/oauth2/token"))
                .timeout(timeout)
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw PayPalErrors.noAnswer("POST /v1/oauth2/token", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PayPalErrors.noAnswer("POST /v1/oauth2/token", e);
        }
        if (response.statusCode() != 200) {
            throw PayPalErrors.fromAnswer(response.statusCode(), response.body(), json);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new PayPalException(response.statusCode(), null, null, "token answer is not JSON", null, e);
        }
        String value = body.path("access_token").asText(null);
        long expiresIn = body.path("expires_in").asLong(0);
        if (value == null || value.isBlank() || expiresIn <= 0) {
            throw new PayPalException(response.statusCode(), null, null, "token answer lacks access_token/expires_in", null);
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration ahead = RENEW_AHEAD.compareTo(lifetime.dividedBy(2)) < 0 ? RENEW_AHEAD : lifetime.dividedBy(2);
        current = new Token(value, clock.instant().plus(lifetime).minus(ahead));
        return value;
    }

    private record Token(String value, Instant renewAt) {
    }
}
