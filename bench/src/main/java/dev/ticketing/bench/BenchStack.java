package dev.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.LocalSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An in-memory local stack on free ports, and the HTTP calls the benchmarks make against it. */
final class BenchStack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final LocalSystem stack;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchStack(LocalSystem stack) {
        this.stack = stack;
    }

    static BenchStack start(LocalOptions options) throws Exception {
        // benchmarks repeat holds by the same users, in several events: no hold rate limit, no limit across events
        return new BenchStack(LocalSystem.start(options.inMemoryWithoutDemo().withPorts(0, 0, 0)
                .withMaxHoldsPerUserPerHour(0).withParameter("MaxOpenHoldsPerUser", "0")));
    }

    /** On a data folder (file-backed DynamoDB Local and ElasticMQ), without the demo event. */
    static BenchStack startFileBacked(LocalOptions options) throws Exception {
        return new BenchStack(LocalSystem.start(options.inMemoryWithoutDemo().withDataDir(options.dataDir()).withPorts(0, 0, 0)));
    }

    URI url(String path) {
        return stack.baseUrl().resolve(path);
    }

    String createEvent(int rows, int columns) throws Exception {
        Map<String, Object> event = Map.of("name", "Bench", "date", "2027-06-01T20:00:00Z", "rows", rows,
                "columns", columns, "currency", "EUR",
                "prices", List.of(Map.of("fromRow", 1, "toRow", rows, "price", "25.00")));
        HttpResponse<String> created = send("POST", "/events", stack.token("bench-admin", true), JSON.writeValueAsString(event));
        if (created.statusCode() != 201 && created.statusCode() != 202) {
            throw new IllegalStateException("event not created: " + created.body());
        }
        String id = JSON.readTree(created.body()).get("id").asText();
        // a hall over 10,000 seats is answered 202 CREATING; its seats are written by EventSeatsFunction
        while (!"ON_SALE".equals(json(send("GET", "/events/" + id, null, null)).path("status").asText())) {
            Thread.sleep(50);
        }
        return id;
    }

    /**
     * A hold asked for as a buyer's page asks: the POST, and a {@code 202} (not placed within the API's short wait)
     * followed to its outcome by polling its Location every 50 ms. The answer is the hold (201) or the refusal.
     */
    HttpResponse<String> hold(String eventId, String token, String body) throws Exception {
        HttpResponse<String> answer = send("POST", "/events/" + eventId + "/holds", token, body);
        while (answer.statusCode() == 202) {
            Thread.sleep(50);
            answer = send("GET", answer.headers().firstValue("Location").orElseThrow(), token, null);
        }
        return answer;
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        stack.close();
    }
}
