package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.local.auth.LocalJwt;
import dev.ticketing.local.check.TableCheck;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.local.testing.Api;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every route of the HTTP API (template.yaml's, so a new route is fuzzed the day it is added, plus the local
 * {@code /dev/token}), called with generated path values, query values, headers, bodies and tokens against a real
 * local stack. Whatever comes in: no 5xx; every 4xx is {@code application/problem+json} with a problem body; a
 * refused request leaves the table exactly as it was; and afterwards the table checker finds no broken promise.
 *
 * <p>The stack is this test's own (built like {@code TestStack}'s, in memory on free ports), so no other test's
 * background work can move the table under the before/after comparison. Bounded: 200 tries, about 30-60 s here.
 */
class ApiFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Field names the bodies of this API use, so generated objects reach past "unknown field" into the rules. */
    private static final List<String> FIELDS = List.of("name", "date", "rows", "columns", "currency", "prices", "fromRow",
            "toRow", "price", "seats", "quantity", "together", "provider", "singleSeatRule", "salesStart", "salesEnd",
            "userId", "admin", "id", "event_type", "resource");

    private static LocalSystem stack;
    private static String table;
    private static Map<String, String> tokens;
    private static Set<String> nonAdminTokens;
    private static Map<String, List<String>> realIds;
    private static List<SamTemplate.Route> routes;

    /** One generated request. */
    record Call(String method, String path, String query, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            String shownBody = body == null ? "-" : body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + ")" : body;
            Map<String, String> shownHeaders = headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().length() > 80 ? e.getValue().substring(0, 80) + "..." : e.getValue()));
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + query
                    + " " + shownHeaders + " " + shownBody;
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        stack = LocalSystem.start(LocalOptions.defaults().inMemoryWithoutDemo().withPorts(0, 0, 0)
                .withSweepInterval(Duration.ofHours(1)), Clock.systemUTC());
        table = stack.ref("Table");
        routes = new ArrayList<>(SamTemplate.fromClasspath().routes());
        routes.add(new SamTemplate.Route("POST", "/dev/token", "local", false));

        Api api = new Api(stack);
        String admin = stack.token("fuzz-admin", true);
        String alice = stack.token("fuzz-alice", false);
        String event = api.createEvent(4, 5);
        String hold = api.hold(event, alice, "1-1", "1-2").json().get("id").asText();
        Api.Response payment = api.post("/holds/" + hold + "/payments", alice, Map.of("provider", "PAYPAL"));
        assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
        realIds = Map.of("eventId", List.of(event), "holdId", List.of(hold),
                "paymentId", List.of(payment.json().get("id").asText()));

        tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("alice", "Bearer " + alice);
        tokens.put("bob", "Bearer " + stack.token("fuzz-bob", false));
        tokens.put("admin", "Bearer " + admin);
        tokens.put("garbage", "Bearer not.a.jwt");
        tokens.put("empty bearer", "Bearer ");
        tokens.put("basic", "Basic YWxpY2U6c2VjcmV0");
        tokens.put("foreign signature", "Bearer " + LocalJwt.create(null, Clock.systemUTC()).issue("fuzz-alice", true));
        tokens.put("sub with #", "Bearer " + stack.token("fuzz#alice", false));
        tokens.put("sub of 3,000", "Bearer " + stack.token("s".repeat(3_000), false));
        tokens.put("sub of euro signs", "Bearer " + stack.token("\u20ac".repeat(700), false));
        tokens.put("blank sub", "Bearer " + stack.token(" ", false));
        tokens.put("groups 'not admin'", "Bearer " + stack.token("fuzz-mallory", "not admin"));
        tokens.put("groups 'staff,admin'", "Bearer " + stack.token("fuzz-mallory", "staff,admin"));
        tokens.put("groups '[admin]' string", "Bearer " + stack.token("fuzz-mallory", "[admin]"));
        tokens.put("groups ['[admin]']", "Bearer " + stack.token("fuzz-mallory", List.of("[admin]")));
        tokens.put("groups ['not admin']", "Bearer " + stack.token("fuzz-mallory", List.of("not admin")));
        tokens.put("groups ['administrators']", "Bearer " + stack.token("fuzz-mallory", List.of("administrators")));
        tokens.put("groups {admin:true}", "Bearer " + stack.token("fuzz-mallory", Map.of("admin", true)));
        nonAdminTokens = new HashSet<>(tokens.values());
        nonAdminTokens.remove(tokens.get("admin"));
    }

    @AfterContainer
    static void stop() {
        if (stack != null) {
            TableCheck.Report report = new TableCheck(stack.dynamoDb(), table, Clock.systemUTC()).run();
            stack.close();
            assertThat(report.violations()).as(report.summary()).isEmpty();
        }
    }

    @Property(tries = 200)
    void noRequestIsAServerErrorAndARefusedOneChangesNothing(@ForAll("calls") Call call) throws Exception {
        Set<Map<String, AttributeValue>> before = items();
        HttpResponse<String> answer = send(call);
        int status = answer.statusCode();
        Statistics.label("answers").collect(status / 100 + "xx");

        assertThat(status).as("%s -> %s %s", call, status, answer.body()).isLessThan(500);
        if (call.path().equals("/events") && call.method().equals("POST")
                && nonAdminTokens.contains(call.headers().get("Authorization"))) {
            assertThat(status).as("only admins create events: %s -> %s", call, answer.body()).isNotEqualTo(201);
        }
        if (status >= 400) {
            assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                    .as("%s -> %s", call, status).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.isObject()).as(answer.body()).isTrue();
            assertThat(problem.path("status").asInt()).as(answer.body()).isEqualTo(status);
            assertThat(problem.path("title").asText()).as(answer.body()).isNotBlank();
            assertThat(problem.path("type").isTextual()).as(answer.body()).isTrue();
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("dev.ticketing.");
            assertThat(items()).as("a refused %s wrote nothing", call).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<SamTemplate.Route> route = Arbitraries.of(routes);
        // mostly the route's own method; now and then another, which the front answers 405 or 404
        Arbitrary<String> method = Arbitraries.frequency(Tuple.of(19, "route"), Tuple.of(1, "other"))
                .flatMap(which -> which.equals("route") ? Arbitraries.just("route")
                        : Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH"));
        return Combinators.combine(route, method, pathValues(), queries(), headers(), Arbitraries.of(tokens.keySet()),
                        bodies())
                .as((r, otherMethod, pathValue, query, headers, token, body) -> {
                    Map<String, String> all = new LinkedHashMap<>(headers);
                    if (tokens.get(token) != null) {
                        all.put("Authorization", tokens.get(token));
                    }
                    return new Call(otherMethod.equals("route") ? r.method() : otherMethod, fill(r.path(), pathValue),
                            query, all, body);
                });
    }

    /** A route's path with each {@code {name}} replaced by a real id, a random UUID or any string, encoded. */
    private static String fill(String template, String pathValue) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher parameter = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        int last = 0;
        while (parameter.find()) {
            path.append(template, last, parameter.start());
            String value = pathValue.startsWith("real:")
                    ? realIds.getOrDefault(parameter.group(1), List.of(UUID.randomUUID().toString())).get(0)
                    : pathValue;
            path.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            last = parameter.end();
        }
        return path.append(template.substring(last)).toString();
    }

    private static Arbitrary<String> pathValues() {
        return Arbitraries.oneOf(
                Arbitraries.just("real:"),
                Arbitraries.just("real:"),
                Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.create(() -> UUID.randomUUID().toString().toUpperCase()),
                Arbitraries.of("a".repeat(2_100), "\u20ac".repeat(700), "..", "%", "#", "a/b", "null", "-1", " ",
                        "\u0000", "1-1", "<script>"),
                anyText(1, 80));
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> pair = Combinators.combine(
                        Arbitraries.of("limit", "cursor", "format", "eventId", "x"),
                        Arbitraries.oneOf(Arbitraries.of("1", "50", "100", "0", "101", "-1", "1e2", "\uff11", "compact",
                                "full", "e30", "eyJwayI6IngifQ", "!!"), anyText(0, 40)))
                .as((name, value) -> name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        return Arbitraries.oneOf(Arbitraries.just(""),
                pair.list().ofMinSize(1).ofMaxSize(3).map(pairs -> "?" + String.join("&", pairs)));
    }

    private static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(60);
        Arbitrary<String> idempotencyKey = Arbitraries.oneOf(ascii, Arbitraries.of("k".repeat(129), "k".repeat(5_000),
                "retry-1", "a#b", "a%23b", "with space"));
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=utf-8",
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/problem+json", "*/*");
        Arbitrary<String> ifNoneMatch = Arbitraries.oneOf(ascii, Arbitraries.of("*", "\"1-f\"", "W/\"x\""));
        return Combinators.combine(idempotencyKey.injectNull(0.5), contentType.injectNull(0.2),
                        ifNoneMatch.injectNull(0.7), Arbitraries.of("PAYPAL-TRANSMISSION-SIG", "X-Signature", "X-Other")
                                .injectNull(0.6), ascii)
                .as((key, type, etag, signatureHeader, signature) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (key != null) {
                        headers.put("Idempotency-Key", key);
                    }
                    if (type != null) {
                        headers.put("Content-Type", type);
                    }
                    if (etag != null) {
                        headers.put("If-None-Match", etag);
                    }
                    if (signatureHeader != null) {
                        headers.put(signatureHeader, signature);
                    }
                    return headers;
                });
    }

    private static Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(4, json(3).map(JsonNode::toString)),
                Tuple.of(4, nearlyValid().map(JsonNode::toString)),
                Tuple.of(1, Arbitraries.of("", "{", "[1,", "{\"a\":}", "null", "\"text\"", "{} {}",
                        "{\"quantity\":1,\"quantity\":2}", "\ufeff{}", "{\"seats\":[\"1-1\"]}garbage")),
                Tuple.of(1, Arbitraries.integers().between(1, 3_000).map(depth ->
                        "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(1, 3_000).map(depth ->
                        "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))),
                Tuple.of(1, anyText(0, 200)),
                Tuple.of(1, Arbitraries.of(100_000, 400_000).map(size ->
                        "{\"name\":\"" + "x".repeat(size) + "\"}")));
    }

    /** A valid body of one of the API's requests with one field changed to something generated. */
    private static Arbitrary<JsonNode> nearlyValid() {
        Arbitrary<ObjectNode> valid = Arbitraries.integers().between(0, 4).map(ApiFuzzIT::validBody);
        return Combinators.combine(valid, Arbitraries.of(FIELDS), scalar()).as((body, field, value) -> {
            body.set(field, value);
            return body;
        });
    }

    private static ObjectNode validBody(int which) {
        switch (which) {
            case 0 -> {
                ObjectNode event = NODES.objectNode().put("name", "Fuzz").put("date", "2027-06-01T20:00:00Z")
                        .put("rows", 2).put("columns", 3).put("currency", "EUR");
                event.putArray("prices").addObject().put("fromRow", 1).put("toRow", 2).put("price", "10.00");
                return event;
            }
            case 1 -> {
                ObjectNode hold = NODES.objectNode();
                hold.putArray("seats").add("2-1");
                return hold;
            }
            case 2 -> {
                return NODES.objectNode().put("quantity", 1).put("together", true);
            }
            case 3 -> {
                return NODES.objectNode().put("provider", "PAYPAL");
            }
            default -> {
                return NODES.objectNode().put("userId", "fuzz-carol").put("admin", false);
            }
        }
    }

    private static Arbitrary<JsonNode> json(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.of(FIELDS), anyText(0, 12)).list().ofMaxSize(4),
                        inner.list().ofSize(4))
                .as((names, values) -> {
                    ObjectNode node = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        node.set(names.get(i), values.get(i));
                    }
                    return node;
                });
        return Arbitraries.oneOf(scalar(), array, object);
    }

    private static Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of(0, -1, 1, 2, 499, 500, 501, 100_000, Integer.MAX_VALUE).map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigDecimals().map(NODES::numberNode),
                Arbitraries.of("1-1", "2-3", "-0.00", "-0", "\uff11\uff10", "10.00", "1e3", "PAYPAL", "OTHER", "allow",
                        "forbid", "EUR", "JPY", "XXX", "2027-06-01T20:00:00Z", "1970-01-01T00:00:00Z",
                        "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "\ud83c\udfad".repeat(201),
                        "x".repeat(5_000)).map(NODES::textNode),
                anyText(0, 50).map(NODES::textNode));
    }

    /** Any text: ASCII, Latin, CJK, emoji (surrogate pairs), controls, lone surrogates. */
    private static Arbitrary<String> anyText(int min, int max) {
        return Arbitraries.strings().ofMinLength(min).ofMaxLength(max)
                .withCharRange('\u0000', '\u007f').withCharRange('\u00a0', '\u024f').withCharRange('\u4e00', '\u4e20')
                .withCharRange('\ud800', '\udfff').withCharRange('\uff10', '\uff19').withChars('#', '%', '/', '"', '\\');
    }

    private static HttpResponse<String> send(Call call) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + call.path() + call.query()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        call.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<Map<String, AttributeValue>> items() {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        stack.dynamoDb().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
