package dev.ticketing.local.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.LocalSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A client of the HTTP API as any other client would use it: JSON over HTTP with a bearer token. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Where tokens come from: the local stack's dev tokens, or an identity provider's for a deployed stack. */
    @FunctionalInterface
    public interface Tokens {
        String token(String userId, boolean admin);
    }

    private final URI baseUrl;
    private final Tokens tokens;

    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A client of the given stack; most tests use {@link TestStack#api()}. */
    public Api(LocalSystem stack) {
        this(stack.baseUrl(), stack::token);
    }

    /** A client of any deployment of the API (the acceptance tests' remote targets). */
    public Api(URI baseUrl, Tokens tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** A token for a fresh user, unique to the calling test. */
    public String newUser(String name) {
        return tokens.token(name + "-" + UUID.randomUUID().toString().substring(0, 8), false);
    }

    /** A token for this very user id (a buyer named in a request, such as a comp's). */
    public String tokenOf(String userId) {
        return tokens.token(userId, false);
    }

    /**
     * A token of the local stack's {@code POST /dev/token} for {@code userId} in {@code groups}, acting for
     * {@code organizerId} (null: none, the organiser is the user).
     */
    public String tokenWith(String userId, List<String> groups, String organizerId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("userId", userId, "groups", groups));
        if (organizerId != null) {
            body.put("organizerId", organizerId);
        }
        Response token = post("/dev/token", null, body);
        if (token.status() != 200) {
            throw new AssertionError("no token: " + token);
        }
        return token.json().get("token").asText();
    }

    /** A token of a fresh organiser (named {@code name}-...) acting for the organisation {@code organizerId}. */
    public String organiser(String name, String organizerId) {
        return tokenWith(name + "-" + UUID.randomUUID().toString().substring(0, 8), List.of("organizer"), organizerId);
    }

    /** A token of a fresh organiser of an organisation of their own. */
    public String organiser() {
        return organiser("olga", "org-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The theatre's ({@code SamplePlans.theatre}) categories priced: A 80.00, B 55.00, C 30.00. */
    public static final Map<String, String> THEATRE_PRICES = orderedPrices("A", "80.00", "B", "55.00", "C", "30.00");

    /** Category -> price, in the order given. */
    public static Map<String, String> orderedPrices(String... categoryThenPrice) {
        Map<String, String> prices = new java.util.LinkedHashMap<>();
        for (int i = 0; i < categoryThenPrice.length; i += 2) {
            prices.put(categoryThenPrice[i], categoryThenPrice[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(prices);
    }

    /**
     * {@code POST /events} by {@code token}: "Tosca" on 2027-03-01 in EUR on venue {@code venueId}, each category
     * priced as {@code prices} says, with {@code more} fields (which may replace these); the answer, whatever it is.
     */
    public Response postEventOnVenue(String token, String venueId, Map<String, String> prices, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Tosca", "date", "2027-03-01T20:00:00Z",
                "currency", "EUR", "venueId", venueId, "categoryPrices", prices.entrySet().stream()
                        .map(price -> Map.of("category", price.getKey(), "price", price.getValue())).toList()));
        body.putAll(more);
        return post("/events", token, body);
    }

    /** {@link #postEventOnVenue} that must be answered {@code 201}: the new event's id. */
    public String createEventOnVenue(String token, String venueId, Map<String, String> prices) {
        Response created = postEventOnVenue(token, venueId, prices, Map.of());
        if (created.status() != 201) {
            throw new AssertionError("event not created: " + created);
        }
        return created.json().get("id").asText();
    }

    public String admin() {
        return tokens.token("admin-" + UUID.randomUUID().toString().substring(0, 8), true);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    /** Every event {@code GET /events} lists, following its pages to the end. */
    public List<JsonNode> allEvents(String token) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/events?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), token);
            if (page.status() != 200) {
                throw new AssertionError("GET /events: " + page);
            }
            page.json().get("events").forEach(events::add);
            cursor = page.json().path("next").isTextual() ? page.json().get("next").asText() : null;
        } while (cursor != null);
        return events;
    }

    /** A binary answer (a PDF): its status, media type and bytes. */
    public record Download(int status, String contentType, byte[] body) {
    }

    /** {@code GET path} with the token, the body kept as bytes. */
    public Download download(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** {@code body} is sent as is when a String, as JSON otherwise. */
    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            if (body != null) {
                String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exchange(request.build());
    }

    /** {@code POST} of {@code text} compressed with gzip, sent with {@code Content-Encoding: gzip}. */
    public Response postGzipped(String path, String token, String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }

    private static Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The path against the base URL, which may itself have a path (e.g. a stage): {@code /events} stays under it. */
    private URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    /** Creates an event of {@code rows x columns} seats, rows 1-2 at 50.00 and the rest at 20.00, and answers its id. */
    public String createEvent(int rows, int columns) {
        return createEvent(rows, columns, Map.of());
    }

    /** The same with more fields of {@code POST /events}, e.g. {@code singleSeatRule}, {@code salesStart}. */
    public String createEvent(int rows, int columns, Map<String, Object> more) {
        List<Map<String, Object>> prices = new ArrayList<>();
        prices.add(Map.of("fromRow", 1, "toRow", Math.min(2, rows), "price", "50.00"));
        if (rows > 2) {
            prices.add(Map.of("fromRow", 3, "toRow", rows, "price", "20.00"));
        }
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Test show", "date", "2027-03-01T20:00:00Z",
                "rows", rows, "columns", columns, "currency", "EUR", "prices", prices));
        body.putAll(more);
        Response created = post("/events", admin(), body);
        if (created.status() != 201) {
            throw new AssertionError("event not created: " + created);
        }
        return created.json().get("id").asText();
    }

    /**
     * A hall of {@code rows} x {@code columns} seats at one price, on sale: {@code POST /events} answers a big one
     * {@code 202} CREATING, and its seats are written by EventSeatsFunction; this waits (a minute at most) until
     * {@code GET /events/{id}} says ON_SALE.
     */
    public String createHall(int rows, int columns, String price) {
        Map<String, Object> body = Map.of("name", "Big hall", "date", "2027-03-01T20:00:00Z", "rows", rows,
                "columns", columns, "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", rows, "price", price)));
        Response created = post("/events", admin(), body);
        if (created.status() != 201 && created.status() != 202) {
            throw new AssertionError("event not created: " + created);
        }
        String id = created.json().get("id").asText();
        awaitOnSale(id, Duration.ofMinutes(1), event -> { });
        return id;
    }

    /**
     * Polls {@code GET /events/{id}} every 100 ms, handing each answer to {@code eachLook}, until it says ON_SALE
     * (within {@code atMost}, else this fails showing the event as last served: its status, a FAILED one's reason, a
     * CREATING one's progress).
     */
    public void awaitOnSale(String id, Duration atMost, java.util.function.Consumer<JsonNode> eachLook) {
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode event = get("/events/" + id, admin()).json();
                    eachLook.accept(event);
                    org.assertj.core.api.Assertions.assertThat(event.path("status").asText())
                            .as("event %s as served: %s", id, event)
                            .isEqualTo("ON_SALE");
                });
    }

    /**
     * Polls {@code GET /events/{id}} until the event's cancellation is finished with nothing pending (within
     * {@code atMost}, else this fails), and answers the cancellation then. A request that cannot be answered (a stack
     * being restarted) is tried again.
     */
    public JsonNode awaitCancellationFinished(String eventId, Duration atMost) {
        String admin = admin();
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
                    JsonNode cancellation = get("/events/" + eventId, admin).json().path("cancellation");
                    return cancellation.path("finished").asBoolean() && cancellation.path("pending").asInt(-1) == 0;
                });
        return get("/events/" + eventId, admin).json().get("cancellation");
    }

    public Response hold(String eventId, String token, String... seats) {
        return post("/events/" + eventId + "/holds", token, Map.of("seats", List.of(seats)));
    }

    /**
     * The compact seat map's rows ({@code "AARRS..."}), row 1 first, once they show what storage has (the full map,
     * read from every seat): the compact map is kept from the table's stream, so it may lag a change by the stream's
     * delay, but never by more than the freshness bound of 1 s (else this fails).
     */
    public List<String> compactRows(String eventId) {
        return compactMap(eventId).rows();
    }

    /** The compact map, as {@link #compactRows}: its rows and the ETag it was answered with. */
    public CompactMap compactMap(String eventId) {
        String viewer = newUser("viewer");
        List<String> expected = rowsOf(eventId, seatStatuses(eventId, viewer));
        CompactMap[] last = new CompactMap[1];
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        Response map = get("/events/" + eventId + "/seats?format=compact", viewer);
                        if (map.status() != 200) {
                            throw new AssertionError("seat map not read: " + map);
                        }
                        List<String> rows = new ArrayList<>();
                        map.json().get("rows").forEach(row -> rows.add(row.get("seats").asText()));
                        last[0] = new CompactMap(rows, map.headers().firstValue("ETag").orElseThrow());
                        return rows.equals(expected);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            throw new AssertionError("the compact map still shows " + (last[0] == null ? null : last[0].rows())
                    + " 1 s after storage showed " + expected, late);
        }
        return last[0];
    }

    /** A compact map's rows and its ETag. */
    public record CompactMap(List<String> rows, String etag) {
    }

    /** Each compact row as storage's statuses make it, in the order of the event's plan ({@code GET /events/{id}/plan}). */
    private List<String> rowsOf(String eventId, Map<String, String> statuses) {
        List<String> lines = new ArrayList<>();
        get("/events/" + eventId + "/plan", null).json().get("rows").forEach(row -> {
            StringBuilder line = new StringBuilder();
            row.get("seats").forEach(seat -> line.append(statuses.get(seat.get("id").asText()).charAt(0)));
            lines.add(line.toString());
        });
        return lines;
    }

    /** Seat id -> status as everyone sees it now. */
    public Map<String, String> seatStatuses(String eventId, String token) {
        Map<String, String> statuses = new java.util.HashMap<>();
        fullMap(eventId, token).forEach((id, seat) -> statuses.put(id, seat.get("status").asText()));
        return statuses;
    }

    /** Seat id -> the seat as the full map answers it now, every page. */
    public Map<String, JsonNode> fullMap(String eventId, String token) {
        Map<String, JsonNode> seats = new java.util.HashMap<>();
        // the full map comes a page of rows at a time: follow next to the last page
        for (String page = "/events/" + eventId + "/seats"; page != null; ) {
            Response map = get(page, token);
            if (map.status() != 200) {
                throw new AssertionError("seat map not read: " + map);
            }
            map.json().get("seats").forEach(seat -> seats.put(seat.get("id").asText(), seat));
            page = map.json().path("next").isTextual() ? map.json().get("next").asText() : null;
        }
        return seats;
    }
}
