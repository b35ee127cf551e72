package dev.ticketing.local.paypal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The OAuth access tokens the mock handed out, each valid for {@code lifetime}. */
final class MockTokens {
    private final Duration lifetime;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    MockTokens(Duration lifetime) {
        this.lifetime = lifetime;
    }

    String issue(Instant now) {
        String token = PayPalIds.token();
        expiries.put(token, now.plus(lifetime));
        issued.incrementAndGet();
        return token;
    }

    boolean isValid(String token, Instant now) {
        Instant expiry = token == null ? null : expiries.get(token);
        return expiry != null && now.isBefore(expiry);
    }

    Duration lifetime() {
        return lifetime;
    }

    int issued() {
        return issued.get();
    }
}
