package dev.ticketing.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.local.http.StaticFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buyer's page served as the local stack serves it (its files from the classpath, with their CSP), in front of
 * a stand-in for the API's routes the page uses, answering plan events by the contract of issue 20 item 3
 * ({@code venueId} and {@code categoryPrices} on the event, {@code GET /events/{id}/plan}, one letter per plan seat in
 * the compact map, holds by plan seat ids or by quantity with {@code category} and {@code accessible}). It lets the
 * drawn plan be tried in a real browser while the server side of plan events is being built; it decides nothing
 * (a hold takes what it is asked for) and keeps the hold requests it got for the test to read.
 */
final class FakeBoxOffice implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Event> events = new LinkedHashMap<>();
    private final AtomicInteger holds = new AtomicInteger();
    /** The bodies of the hold requests received, in order. */
    final List<JsonNode> holdRequests = new CopyOnWriteArrayList<>();

    record Event(String id, ObjectNode plan, List<StringBuilder> letters, ArrayNode categoryPrices, AtomicInteger version) {
    }

    FakeBoxOffice() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StaticFiles files = StaticFiles.fromClasspath("web");
        server.createContext("/web/", files);
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Puts an event on the fixture's plan, priced by category ({@code "Premium", "60.00", ...}); answers its id. */
    String addEvent(String id, PlanFixtures.Fixture fixture, String... categoryPrices) {
        ArrayNode prices = PlanFixtures.JSON.createArrayNode();
        for (int i = 0; i < categoryPrices.length; i += 2) {
            prices.addObject().put("category", categoryPrices[i]).put("price", categoryPrices[i + 1]);
        }
        ObjectNode plan = fixture.plan().deepCopy();
        plan.put("eventId", id);
        List<StringBuilder> letters = new ArrayList<>();
        fixture.letters().forEach(row -> letters.add(new StringBuilder(row)));
        events.put(id, new Event(id, plan, letters, prices, new AtomicInteger(1)));
        return id;
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        String[] parts = path.substring(1).split("/");
        if (method.equals("GET") && path.equals("/")) {
            StaticFiles.fromClasspath("web").index().handle(exchange);
            return;
        }
        if (path.equals("/dev/token")) {
            JsonNode body = PlanFixtures.JSON.readTree(exchange.getRequestBody());
            send(exchange, 200, PlanFixtures.JSON.createObjectNode().put("token", "fake-" + body.path("userId").asText()));
        } else if (path.equals("/events")) {
            ObjectNode list = PlanFixtures.JSON.createObjectNode();
            ArrayNode array = list.putArray("events");
            events.values().forEach(event -> array.add(eventJson(event)));
            send(exchange, 200, list);
        } else if (path.equals("/me/holds")) {
            send(exchange, 200, PlanFixtures.JSON.createObjectNode().set("holds", PlanFixtures.JSON.createArrayNode()));
        } else if (path.equals("/me/tickets")) {
            send(exchange, 200, PlanFixtures.JSON.createObjectNode().set("tickets", PlanFixtures.JSON.createArrayNode()));
        } else if (path.equals("/payment-providers")) {
            send(exchange, 200, PlanFixtures.JSON.createObjectNode().set("providers", PlanFixtures.JSON.createArrayNode()));
        } else if (parts.length >= 2 && parts[0].equals("events") && events.containsKey(parts[1])) {
            Event event = events.get(parts[1]);
            if (parts.length == 2) {
                send(exchange, 200, eventJson(event));
            } else if (parts[2].equals("plan")) {
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
                send(exchange, 200, event.plan());
            } else if (parts[2].equals("seats") && query != null && query.contains("format=version")) {
                send(exchange, 200, PlanFixtures.JSON.createObjectNode().put("version", String.valueOf(event.version().get()))
                        .put("now", Instant.now().toEpochMilli()));
            } else if (parts[2].equals("seats")) {
                send(exchange, 200, compact(event));
            } else if (parts[2].equals("holds") && method.equals("POST")) {
                JsonNode body = PlanFixtures.JSON.readTree(exchange.getRequestBody());
                holdRequests.add(body);
                send(exchange, 201, hold(event, body));
            } else {
                send(exchange, 404, problem("not-found"));
            }
        } else if (parts.length == 2 && parts[0].equals("holds") && method.equals("DELETE")) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            send(exchange, 404, problem("not-found"));
        }
    }

    private static ObjectNode eventJson(Event event) {
        ObjectNode json = PlanFixtures.JSON.createObjectNode().put("id", event.id()).put("name", event.plan().get("name").asText() + " gala")
                .put("date", "2027-03-01T19:00:00Z").put("currency", "EUR").put("status", "ON_SALE")
                .put("venueId", event.plan().get("venueId").asText()).put("planVersion", 1);
        json.set("categoryPrices", event.categoryPrices());
        return json;
    }

    private synchronized ObjectNode compact(Event event) {
        ObjectNode map = PlanFixtures.JSON.createObjectNode().put("eventId", event.id())
                .put("version", String.valueOf(event.version().get())).put("currency", "EUR");
        map.set("categoryPrices", event.categoryPrices());
        ArrayNode rows = map.putArray("rows");
        var planRows = event.plan().get("rows");
        for (int r = 0; r < planRows.size(); r++) {
            rows.addObject().put("row", planRows.get(r).get("row").asInt()).putNull("price").put("seats", event.letters().get(r).toString());
        }
        return map;
    }

    /** Holds what is asked: the seats named, or the first free ones of the category asked (wheelchair places only when asked). */
    private synchronized ObjectNode hold(Event event, JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("seats").forEach(id -> ids.add(id.asText()));
        var planRows = event.plan().get("rows");
        for (int r = 0; r < planRows.size() && ids.size() < body.path("quantity").asInt(0); r++) {
            var seats = planRows.get(r).get("seats");
            for (int k = 0; k < seats.size() && ids.size() < body.path("quantity").asInt(0); k++) {
                JsonNode seat = seats.get(k);
                boolean categoryFits = !body.has("category") || body.get("category").asText().equals(seat.get("category").asText());
                boolean accessibleFits = body.path("accessible").asBoolean(false) == (seat.path("wheelchair").asBoolean() || seat.path("companion").asBoolean());
                if (event.letters().get(r).charAt(k) == 'A' && categoryFits && accessibleFits) {
                    ids.add(seat.get("id").asText());
                }
            }
        }
        ObjectNode hold = PlanFixtures.JSON.createObjectNode().put("id", "hold-" + holds.incrementAndGet()).put("eventId", event.id())
                .put("userId", "buyer").put("status", "ACTIVE").put("currency", "EUR")
                .put("expiresAt", Instant.now().plusSeconds(600).toString());
        ArrayNode seats = hold.putArray("seats");
        java.math.BigDecimal amount = java.math.BigDecimal.ZERO;
        for (int r = 0; r < planRows.size(); r++) {
            var planSeats = planRows.get(r).get("seats");
            for (int k = 0; k < planSeats.size(); k++) {
                JsonNode seat = planSeats.get(k);
                if (ids.contains(seat.get("id").asText())) {
                    String price = priceOf(event, seat.get("category").asText());
                    seats.addObject().put("id", seat.get("id").asText()).put("price", price);
                    amount = amount.add(new java.math.BigDecimal(price));
                    event.letters().get(r).setCharAt(k, 'R');
                }
            }
        }
        hold.put("amount", amount.toPlainString());
        event.version().incrementAndGet();
        return hold;
    }

    private static String priceOf(Event event, String category) {
        for (JsonNode entry : event.categoryPrices()) {
            if (entry.get("category").asText().equals(category)) {
                return entry.get("price").asText();
            }
        }
        return "0.00";
    }

    private static ObjectNode problem(String type) {
        return PlanFixtures.JSON.createObjectNode().put("type", "https://ticketing.dev/problems/" + type).put("title", type).put("status", 404);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = PlanFixtures.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
