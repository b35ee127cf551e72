package dev.ticketing.local.paypal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook listener for tests: keeps every delivery, and can be told to fail the first few. */
final class WebhookReceiver implements HttpHandler {
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** A delivery as the listener saw it; header names as the JDK server spells them ("Paypal-transmission-id"). */
    record Delivery(Map<String, String> headers, String body, int answeredWith) {
        PayPalWebhookEvent event() {
            return PayPalWebhookEvent.parse(body);
        }
    }

    void failNext(int deliveries) {
        failuresLeft.set(deliveries);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Deliveries the listener accepted, of one event type. */
    List<Delivery> accepted(String eventType) {
        return deliveries.stream()
                .filter(d -> d.answeredWith() == 200 && eventType.equals(d.event().eventType()))
                .toList();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            deliveries.add(new Delivery(headers, body, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
