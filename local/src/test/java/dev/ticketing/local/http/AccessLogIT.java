package dev.ticketing.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The local front writes one access line per request, with the fields API Gateway's access log has in AWS. */
class AccessLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Api api = TestStack.api();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(level);
    }

    @Test
    void everyRequestGetsOneJsonLineWithItsRouteStatusAndCaller() throws Exception {
        String event = api.createEvent(2, 3);
        String alice = api.newUser("alice");

        Api.Response held = api.hold(event, alice, "1-1");
        Api.Response anonymous = api.get("/me/tickets", null);
        Api.Response nowhere = api.get("/no-such-route", alice);

        JsonNode hold = lineOf(held);
        assertThat(hold.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(hold.get("routeKey").asText()).isEqualTo("POST /events/{eventId}/holds");
        assertThat(hold.get("path").asText()).isEqualTo("/events/" + event + "/holds");
        assertThat(hold.get("status").asText()).isEqualTo("201");
        assertThat(hold.get("userId").asText()).startsWith("alice-");
        assertThat(hold.get("responseLength").asLong()).isEqualTo(held.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(hold.get("integrationLatency").asLong()).isBetween(0L, hold.get("responseLatency").asLong());
        JsonNode refused = lineOf(anonymous);
        assertThat(refused.get("status").asText()).isEqualTo("401");
        assertThat(refused.get("userId").asText()).isEqualTo("-");
        assertThat(refused.get("error").asText()).isEqualTo("Unauthorized");
        assertThat(lineOf(nowhere).get("status").asText()).isEqualTo("404");
    }

    @Test
    void theRequestIdIsTheOneTheFunctionAndTheClientSee() {
        String event = api.createEvent(2, 3);
        Api.Response read = api.get("/events/" + event, api.newUser("bob"));

        String requestId = read.headers().firstValue("Apigw-Requestid").orElseThrow();
        assertThat(lineOf(read).get("requestId").asText()).isEqualTo(requestId);
    }

    @Test
    void noTokenIsEverLogged() {
        String bob = api.newUser("bob");
        lineOf(api.get("/events?token=" + bob, bob));
        lineOf(api.get("/events", "not-a-valid-token"));

        for (ILoggingEvent line : written()) {
            assertThat(line.getFormattedMessage()).doesNotContain(bob).doesNotContain("not-a-valid-token").doesNotContain("Bearer");
        }
    }

    @Test
    void theLocalLineHasTheFieldsOfTheTemplatesAccessLogFormat() throws Exception {
        SamTemplate template = SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) template.resources("AWS::Serverless::HttpApi")
                .get("HttpApi").get("AccessLogSettings");
        JsonNode format = JSON.readTree((String) settings.get("Format"));
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = format.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }

        assertThat(AccessLog.FIELDS).containsExactlyElementsOf(names);
        List<String> written = new ArrayList<>();
        lineOf(api.get("/events", api.newUser("carol"))).fieldNames().forEachRemaining(written::add);
        assertThat(written).containsExactlyElementsOf(names);
    }

    /**
     * The one line whose requestId the client got back. The front writes it as the exchange ends, which may be just
     * after the client has read the whole answer: wait for it a bounded while.
     */
    private JsonNode lineOf(Api.Response response) {
        String requestId = response.headers().firstValue("Apigw-Requestid").orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> matching(requestId).size() >= 1);
        List<JsonNode> matching = matching(requestId);
        assertThat(matching).as("access lines of request " + requestId).hasSize(1);
        return matching.get(0);
    }

    private List<JsonNode> matching(String requestId) {
        List<JsonNode> matching = new ArrayList<>();
        for (ILoggingEvent line : written()) {
            try {
                JsonNode json = JSON.readTree(line.getFormattedMessage());
                if (requestId.equals(json.get("requestId").asText())) {
                    matching.add(json);
                }
            } catch (Exception notJson) {
                throw new AssertionError("not a JSON line: " + line.getFormattedMessage(), notJson);
            }
        }
        return matching;
    }

    private List<ILoggingEvent> written() {
        synchronized (lines) {
            return List.copyOf(lines.list);
        }
    }
}
