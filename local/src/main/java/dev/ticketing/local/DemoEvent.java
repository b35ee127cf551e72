package dev.ticketing.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.venues.formats.SamplePlans;
import dev.ticketing.local.auth.LocalJwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Seeds two demo events through the public API, as an admin would, when the stack has no event yet: a rectangle of
 * 600 seats priced by rows, and an opera on the ~1,200-seat theatre of the samples ({@code SamplePlans.theatre}:
 * stalls and balcony, curved rows round a centre aisle, wheelchair places with companion seats), imported as a venue
 * and priced by category.
 */
final class DemoEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoEvent() {
    }

    static void seedIfEmpty(URI api, LocalJwt jwt, Clock clock) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String admin = "Bearer " + jwt.issue("demo-admin", true);
        HttpResponse<String> events = http.send(HttpRequest.newBuilder(api.resolve("/events"))
                .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString());
        if (events.statusCode() != 200) {
            throw new IllegalStateException("cannot list events: " + events.statusCode() + " " + events.body());
        }
        if (!JSON.readTree(events.body()).path("events").isEmpty()) {
            return;
        }
        Map<String, Object> demo = Map.of(
                "name", "Demo night: Orchestra in the Park",
                "date", clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(20)).toString(),
                "rows", 20,
                "columns", 30,
                "currency", "EUR",
                "prices", List.of(
                        Map.of("fromRow", 1, "toRow", 5, "price", "89.00"),
                        Map.of("fromRow", 6, "toRow", 14, "price", "59.00"),
                        Map.of("fromRow", 15, "toRow", 20, "price", "39.00")));
        post(http, api, admin, "/events", JSON.writeValueAsString(demo));
        String venueId = JSON.readTree(post(http, api, admin, "/venues", SamplePlans.theatre())).get("id").asText();
        Map<String, Object> opera = Map.of(
                "name", "Demo: Tosca at the Teatro",
                "date", clock.instant().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(20)).toString(),
                "currency", "EUR",
                "venueId", venueId,
                "categoryPrices", List.of(Map.of("category", "A", "price", "95.00"),
                        Map.of("category", "B", "price", "65.00"), Map.of("category", "C", "price", "35.00")));
        post(http, api, admin, "/events", JSON.writeValueAsString(opera));
    }

    private static String post(HttpClient http, URI api, String token, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("cannot seed the demo (" + path + "): " + created.statusCode() + " "
                    + created.body());
        }
        return created.body();
    }
}
