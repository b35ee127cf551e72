package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.input.RequestLimits;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.RawHttp;
import dev.ticketing.local.testing.RequestItems;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's mistake gets a clear 4xx problem and changes nothing. The stack is this test's own: "changes nothing" is
 * checked by reading the whole table before and after each request, which must not read every other test's items.
 */
class BadInputIT {
    private static LocalSystem stack;
    private final Api api = new Api(stack);

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.startOwn(java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void idsOfKilobytesAreNotFoundNotAServerError() {
        String alice = api.newUser("alice");
        String[] longIds = {"a".repeat(2_100), "%E2%82%AC".repeat(700), "0".repeat(36)};
        for (String id : longIds) {
            for (Api.Response answer : List.of(api.get("/events/" + id, alice), api.get("/events/" + id + "/seats", alice),
                    api.get("/holds/" + id, alice), api.get("/payments/" + id, alice),
                    api.post("/payments/" + id + "/cancel", alice, null), api.delete("/holds/" + id, alice))) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
                assertThat(answer.json().get("detail").asText().length()).as("the id is quoted short").isLessThan(200);
            }
        }
    }

    @Test
    void aFormBodyIsNoQueryValue() throws Exception {
        // a form-encoded body that is not valid form encoding once failed every query value with a 500
        String body = "{\"name\":\"%\"}";
        Api.Response form = RawHttp.to(api.baseUrl()).send("GET", "/events?limit=2", RawHttp.headers(
                "Content-Type", "application/x-www-form-urlencoded", "Content-Length", Integer.toString(body.length())),
                RawHttp.Body.of(body));
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
    }

    @Test
    void aBadHoldRequestIsAClearProblemAndWritesNothing() {
        String event = api.createEvent(3, 4);
        String alice = api.newUser("alice");
        String holds = "/events/" + event + "/holds";

        refusedWithoutWriting(400, "not valid JSON", () -> api.post(holds, alice, "{\"seats\":[\"1-1\","));
        refusedWithoutWriting(400, "seats", () -> api.post(holds, alice, "{}"));
        refusedWithoutWriting(400, "seats", () -> api.post(holds, alice, Map.of("seats", List.of())));
        refusedWithoutWriting(400, "seats", () -> api.post(holds, alice, "{\"seats\":{\"a\":1}}"));
        refusedWithoutWriting(400, "1-1", () -> api.hold(event, alice, "1-1", "1-2", "1-1"));
        refusedWithoutWriting(400, "9-9", () -> api.hold(event, alice, "1-1", "9-9"));
        refusedWithoutWriting(400, "seat id", () -> api.hold(event, alice, "1-1", "front-row"));
        refusedWithoutWriting(404, "does not exist", () -> api.hold("no-such-event", alice, "1-1"));
        List<String> eleven = new ArrayList<>();
        for (int column = 1; column <= 4; column++) {
            for (int row = 1; row <= 3; row++) {
                eleven.add(row + "-" + column);
            }
        }
        refusedWithoutWriting(422, "at most 10", () -> api.post(holds, alice, Map.of("seats", eleven.subList(0, 11))));

        assertThat(api.seatStatuses(event, alice).values()).containsOnly("AVAILABLE");
        assertThat(api.hold(event, alice, "1-1").status()).isEqualTo(201);
    }

    @Test
    void aBadEventIsAClearProblemAndWritesNothing() {
        String admin = api.admin();
        Map<String, Object> valid = Map.of("name", "Show", "date", "2027-01-01T20:00:00Z", "rows", 3, "columns", 4,
                "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 3, "price", "10.00")));

        refusedWithoutWriting(400, "not valid JSON", () -> api.post("/events", admin, "{\"name\":"));
        refusedWithoutWriting(400, "name", () -> api.post("/events", admin, without(valid, "name")));
        refusedWithoutWriting(400, "date", () -> api.post("/events", admin, with(valid, "date", "next friday")));
        refusedWithoutWriting(400, "rows", () -> api.post("/events", admin, with(valid, "rows", 0)));
        refusedWithoutWriting(400, "columns", () -> api.post("/events", admin, with(valid, "columns", 501)));
        refusedWithoutWriting(400, "rows", () -> api.post("/events", admin, with(valid, "rows", "three")));
        refusedWithoutWriting(400, "100000", () -> api.post("/events", admin,
                with(with(valid, "rows", 400), "columns", 400)));
        refusedWithoutWriting(400, "currency", () -> api.post("/events", admin, with(valid, "currency", "EURO")));
        refusedWithoutWriting(400, "no price", () -> api.post("/events", admin, with(valid, "prices",
                List.of(Map.of("fromRow", 1, "toRow", 2, "price", "10.00")))));
        refusedWithoutWriting(400, "overlap", () -> api.post("/events", admin, with(valid, "prices", List.of(
                Map.of("fromRow", 1, "toRow", 2, "price", "10.00"), Map.of("fromRow", 2, "toRow", 3, "price", "5.00")))));
        refusedWithoutWriting(400, "decimal", () -> api.post("/events", admin, with(valid, "prices",
                List.of(Map.of("fromRow", 1, "toRow", 3, "price", "ten")))));
        refusedWithoutWriting(400, "decimals", () -> api.post("/events", admin, with(valid, "prices",
                List.of(Map.of("fromRow", 1, "toRow", 3, "price", "10.001")))));
        refusedWithoutWriting(404, "does not exist", () -> api.get("/events/nope", admin));
        refusedWithoutWriting(404, "does not exist", () -> api.get("/events/nope/seats", admin));
        refusedWithoutWriting(400, "format", () -> api.get("/events/nope/seats?format=huge", admin));

        assertThat(api.post("/events", admin, valid).status()).isEqualTo(201);
    }

    @Test
    void bodiesAreReadStrictly() {
        String admin = api.admin();
        String event = api.createEvent(3, 4);
        String alice = api.newUser("alice");
        String holds = "/events/" + event + "/holds";
        Map<String, Object> valid = Map.of("name", "Show", "date", "2027-01-01T20:00:00Z", "rows", 3, "columns", 4,
                "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 3, "price", "10.00")));

        // quantities are integers of JSON type number
        refusedWithoutWriting(400, "quantity", () -> api.post(holds, alice, "{\"quantity\":2.7}"));
        refusedWithoutWriting(400, "quantity", () -> api.post(holds, alice, "{\"quantity\":2.0}"));
        refusedWithoutWriting(400, "quantity", () -> api.post(holds, alice, "{\"quantity\":\"2\"}"));
        refusedWithoutWriting(400, "quantity", () -> api.post(holds, alice, "{\"quantity\":0}"));
        refusedWithoutWriting(400, "together", () -> api.post(holds, alice, "{\"quantity\":1,\"together\":\"true\"}"));
        refusedWithoutWriting(400, "not valid JSON", () -> api.post(holds, alice, "{\"quantity\":1,\"quantity\":20}"));
        refusedWithoutWriting(400, "not valid JSON", () -> api.post(holds, alice, "{\"quantity\":1} {}"));
        refusedWithoutWriting(400, "quantity", () -> api.post(holds, alice, "{\"quantity\":99999999999}"));
        // numbers in ASCII digits, no negative zero, no number from a string nor a string from a number
        refusedWithoutWriting(400, "rows", () -> api.post("/events", admin, with(valid, "rows", "3")));
        refusedWithoutWriting(400, "name", () -> api.post("/events", admin, with(valid, "name", 42)));
        for (String price : List.of("\uFF11\uFF10", "-0.00", "-0", "1e1")) {
            refusedWithoutWriting(400, "price", () -> api.post("/events", admin, with(valid, "prices",
                    List.of(Map.of("fromRow", 1, "toRow", 3, "price", price)))));
        }
        refusedWithoutWriting(400, "price", () -> api.post("/events", admin, with(valid, "prices",
                List.of(Map.of("fromRow", 1, "toRow", 3, "price", 10)))));
        // dates within 2000 .. ten years ahead
        for (String date : List.of("1970-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2999-01-01T00:00:00Z")) {
            refusedWithoutWriting(400, "date", () -> api.post("/events", admin, with(valid, "date", date)));
        }
        // lengths in characters: 101 emoji (202 UTF-16 units) are a fine name under the 200 limit
        Api.Response emoji = api.post("/events", admin, with(valid, "name", "\uD83C\uDFAD".repeat(101)));
        assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
        // an Idempotency-Key is 1-128 visible ASCII characters
        for (String key : List.of("k".repeat(129), "with space")) {
            refusedWithoutWriting(400, "Idempotency-Key", () -> api.send("POST", holds, alice, Map.of("quantity", 1),
                    Map.of("Idempotency-Key", key)));
        }
        assertThat(api.post(holds, alice, "{\"quantity\":2}").status()).isEqualTo(201);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedBeforeItIsRead() {
        String event = api.createEvent(3, 4);
        String alice = api.newUser("alice");
        String holds = "/events/" + event + "/holds";
        String hold = "{\"seats\":[\"1-1\"]}";
        for (String charset : List.of("UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE")) {
            refusedWithoutWriting(400, "UTF-8", () -> sendBytes("POST", holds, alice,
                    hold.getBytes(java.nio.charset.Charset.forName(charset)), "application/json"), "invalid-encoding");
        }
        byte[] bom = ("\ufeff" + hold).getBytes(StandardCharsets.UTF_8);
        refusedWithoutWriting(400, "byte order mark", () -> sendBytes("POST", holds, alice, bom, "application/json"),
                "invalid-encoding");
        refusedWithoutWriting(400, "charset=utf-16", () -> sendBytes("POST", holds, alice,
                hold.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-16"), "invalid-encoding");
        byte[] latin1 = "{\"name\":\"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        refusedWithoutWriting(400, "UTF-8", () -> sendBytes("POST", "/events", api.admin(), latin1, "application/json"),
                "invalid-encoding");
        // the webhook function reads its body the same way
        refusedWithoutWriting(400, "UTF-8", () -> sendBytes("POST", "/webhooks/paypal", null,
                "{\"id\":\"WH-1\"}".getBytes(StandardCharsets.UTF_16LE), "application/json"), "invalid-encoding");

        assertThat(api.post(holds, alice, hold).status()).isEqualTo(201);
    }

    @Test
    void headersAndBodiesOverTheLimitsAreRefusedBeforeTheyAreParsed() {
        String event = api.createEvent(3, 4);
        String alice = api.newUser("alice");
        String holds = "/events/" + event + "/holds";
        String padding = "x".repeat(100_000);
        refusedWithoutWriting(431, "headers", () -> api.send("POST", holds, alice, Map.of("seats", List.of("1-1")),
                Map.of("X-Padding", padding)), "request-header-fields-too-large");
        refusedWithoutWriting(431, "headers", () -> api.send("GET", "/events", null, null, Map.of("X-Padding", padding)),
                "request-header-fields-too-large");
        String justOver = "{\"seats\":[\"1-1\"],\"note\":\"" + "x".repeat(RequestLimits.MAX_BODY_BYTES) + "\"}";
        String limit = RequestLimits.MAX_BODY_BYTES + " bytes";
        refusedWithoutWriting(413, limit, () -> api.post(holds, alice, justOver), "content-too-large");
        // 10 MB declared: refused from the length alone, before a byte of the body is read (a client writing the
        // body meanwhile may find the connection closed under it, so none is sent here)
        int tenMegabytes = 10 * 1024 * 1024;
        RawHttp raw = RawHttp.to(api.baseUrl());
        refusedWithoutWriting(413, limit, () -> raw.declaringOnly(holds, alice, tenMegabytes), "content-too-large");
        refusedWithoutWriting(413, limit, () -> raw.declaringOnly("/webhooks/paypal", null, tenMegabytes),
                "content-too-large");

        assertThat(api.post(holds, alice, "{\"seats\":[\"1-1\"],\"note\":\"" + "x".repeat(60_000) + "\"}").status())
                .isEqualTo(201);
    }

    @Test
    void anEventNameCannotHideControlsUnpairedSurrogatesOrBidiOverrides() {
        String admin = api.admin();
        String valid = "{\"date\":\"2027-01-01T20:00:00Z\",\"rows\":3,\"columns\":4,\"currency\":\"EUR\","
                + "\"prices\":[{\"fromRow\":1,\"toRow\":3,\"price\":\"10.00\"}],\"name\":";
        // JSON escapes, so the bytes are plain UTF-8 and only the name's characters are at fault
        for (String name : List.of("\"Jazz\\u0000night\"", "\"Jazz\\ud800\"", "\"Jazz \\u202Ethgin\"",
                "\"\\u2066Jazz\\u2069\"", "\"Jazz\\nnight\"", "\"Jazz\\u0085\"")) {
            refusedWithoutWriting(400, "name must not contain", () -> api.post("/events", admin, valid + name + "}"),
                    "invalid-request");
        }
        assertThat(api.post("/events", admin, valid + "\"\u05e7\u05d5\u05e0\u05e6\u05e8\u05d8 \uD83C\uDFAD\"}").status())
                .isEqualTo(201);
    }

    private Api.Response sendBytes(String method, String path, String token, byte[] body, String contentType) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.baseUrl() + path))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refusedWithoutWriting(int status, String detailMentions, java.util.function.Supplier<Api.Response> call,
                                       String type) {
        long before = itemCount();
        Api.Response response = call.get();
        assertThat(response.json().path("type").asText()).as(response.toString()).endsWith("/" + type);
        assertThat(itemCount()).isEqualTo(before);
        refusedWithoutWriting(status, detailMentions, () -> response);
    }

    private void refusedWithoutWriting(int status, String detailMentions, java.util.function.Supplier<Api.Response> call) {
        long before = itemCount();
        Api.Response response = call.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("detail").asText()).as(response.toString()).containsIgnoringCase(detailMentions);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("dev.ticketing");
        assertThat(itemCount()).as("items in the table after " + response).isEqualTo(before);
    }

    /** Items in the table a refused request must leave alone ({@link RequestItems}). */
    private static long itemCount() {
        return RequestItems.of(stack).size();
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        return edit(body, copy -> copy.put(field, value));
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        return edit(body, copy -> copy.remove(field));
    }

    private static Map<String, Object> edit(Map<String, Object> body, Consumer<Map<String, Object>> change) {
        Map<String, Object> copy = new HashMap<>(body);
        change.accept(copy);
        return copy;
    }
}
