package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack itself: durable across restarts, seeded once, and reachable by the real AWS clients. */
class LocalSystemIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aRestartKeepsEventsHoldsAndTokens(@TempDir Path data) throws Exception {
        LocalOptions options = LocalOptions.defaults().withDataDir(data).withPorts(0, 0, 0);
        String token;
        String holdId;
        try (LocalSystem first = LocalSystem.start(options)) {
            assertThat(get(first.baseUrl(), "/health", null).statusCode()).isEqualTo(200);
            token = first.token("alice", false);
            JsonNode events = JSON.readTree(get(first.baseUrl(), "/events", token).body()).get("events");
            assertThat(events).as("the demo events are seeded: a rectangle, soonest, and an opera on a venue's plan")
                    .hasSize(2);
            assertThat(events.get(1).get("venueId").isTextual()).isTrue();
            String eventId = events.get(0).get("id").asText();
            HttpResponse<String> held = HTTP.send(HttpRequest.newBuilder(first.baseUrl().resolve("/events/" + eventId + "/holds"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"seats\":[\"5-5\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            holdId = JSON.readTree(held.body()).get("id").asText();
        }

        try (LocalSystem second = LocalSystem.start(options)) {
            HttpResponse<String> hold = get(second.baseUrl(), "/holds/" + holdId, token);
            assertThat(hold.statusCode()).as("the first run's token still works").isEqualTo(200);
            assertThat(JSON.readTree(hold.body()).get("status").asText()).isEqualTo("ACTIVE");
            JsonNode events = JSON.readTree(get(second.baseUrl(), "/events", token).body()).get("events");
            assertThat(events).as("the demo events are not seeded twice").hasSize(2);
            assertThat(get(second.baseUrl(), "/events/" + events.get(1).get("id").asText() + "/plan", token).statusCode())
                    .as("the opera's plan is kept too").isEqualTo(200);
            // the compact map is kept from the stream, which the restarted stack reads again from its start
            String compact = "/events/" + events.get(0).get("id").asText() + "/seats?format=compact";
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                    JSON.readTree(get(second.baseUrl(), compact, token).body()).get("rows").get(4).get("seats").asText()
                            .charAt(4) == 'R');
        }
    }

    @Test
    void theRealAwsClientsReachTheLocalDynamoDbAndSqs() {
        LocalSystem stack = TestStack.get();

        assertThat(stack.dynamoDb().listTables().tableNames()).contains("ticketing-Table");
        assertThat(stack.dynamoDb().describeTable(b -> b.tableName("ticketing-Table")).table().streamSpecification().streamEnabled())
                .isTrue();
        assertThat(stack.sqs().listQueues().queueUrls())
                .anyMatch(url -> url.endsWith("/ticketing-PaymentsQueue"))
                .anyMatch(url -> url.endsWith("/ticketing-PaymentsDeadLetterQueue"));
    }

    @Test
    void theApiFunctionAnswersTheSampleEventsOfTheEventsFolder() throws Exception {
        LocalSystem stack = TestStack.get();
        APIGatewayV2HTTPEvent create = EventLoader.loadApiGatewayHttpEvent("../events/api-create-event.json");
        APIGatewayV2HTTPEvent list = EventLoader.loadApiGatewayHttpEvent("../events/api-list-events.json");

        APIGatewayV2HTTPResponse created = stack.invoke("ApiFunction", create);
        APIGatewayV2HTTPResponse listed = stack.invoke("ApiFunction", list);

        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        String id = JSON.readTree(created.getBody()).get("id").asText();
        assertThat(listed.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.getBody()).get("events").findValuesAsText("id")).contains(id);
    }

    private static HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
