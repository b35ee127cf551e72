package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars SAM deploys work on their own: each runs in a separate JVM with nothing but that jar on the classpath
 * and configuration from environment variables, as Lambda runs it, against the test stack's DynamoDB and SQS.
 * (Catches what the one-JVM local stack can hide, such as a configuration file read only thanks to a library the
 * stack happens to carry.)
 */
class DeployableJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    @Test
    void theApiFunctionJarAnswersASampleEventOnItsOwn() throws Exception {
        JsonNode response = run("api/target/ticketing-api.jar", "dev.ticketing.api.lambda.ApiHandler",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                Path.of("../events/api-create-event.json")).result();

        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(201);
        JsonNode event = JSON.readTree(response.get("body").asText());
        assertThat(event.get("date").asText()).isEqualTo("2027-02-14T19:30:00Z");
        assertThat(event.get("prices").get(0).get("price").asText()).isEqualTo("45.00");
    }

    @Test
    void thePaymentProcessorJarTakesAnSqsBatchOnItsOwn() throws Exception {
        JsonNode response = run("payment-processor/target/ticketing-payment-processor.jar",
                "dev.ticketing.payments.processor.PaymentProcessorHandler",
                "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                write("sqs.json", "{\"Records\":[]}")).result();

        assertThat(response.get("batchItemFailures")).as(response.toString()).isEmpty();
    }

    @Test
    void theSweeperJarRunsAScheduledSweepOnItsOwn() throws Exception {
        JsonNode report = run("hold-expiry/target/ticketing-hold-expiry.jar",
                "dev.ticketing.expiry.ExpiredHoldSweepHandler",
                "com.amazonaws.services.lambda.runtime.events.ScheduledEvent",
                write("schedule.json", "{\"id\":\"sweep-1\",\"source\":\"aws.events\"}")).result();

        assertThat(report.isObject()).as(report.toString()).isTrue();
        assertThat(report.size()).as(report.toString()).isPositive();
    }

    /**
     * What CloudWatch Logs would get from the jar: JSON lines only (logback's JsonEncoder), and the API's line about
     * the event it created carries Lambda's request id, the API Gateway request id and the new event's id.
     */
    @Test
    void theApiFunctionJarLogsJsonLinesWithTheRequestAndEventIds() throws Exception {
        Invocation invocation = run("api/target/ticketing-api.jar", "dev.ticketing.api.lambda.ApiHandler",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                Path.of("../events/api-create-event.json"));

        List<JsonNode> lines = invocation.logLines();
        assertThat(lines).isNotEmpty();
        JsonNode created = lines.stream()
                .filter(line -> line.path("formattedMessage").asText().startsWith("event created"))
                .findFirst().orElseThrow(() -> new AssertionError("no 'event created' line in " + lines));
        JsonNode fields = created.get("mdc");
        assertThat(fields.get("requestId").asText()).isEqualTo("invoke-handler-request");
        assertThat(fields.get("apiRequestId").asText()).isNotBlank();
        assertThat(fields.get("eventId").asText()).isEqualTo(JSON.readTree(invocation.result().get("body").asText()).get("id").asText());
        assertThat(fields.get("userId").asText()).isNotBlank();
        assertThat(created.get("level").asText()).isEqualTo("INFO");
    }

    /** The result and every other line the jar printed, each of which must be a JSON object. */
    record Invocation(JsonNode result, List<JsonNode> logLines) {
    }

    private Invocation run(String jarUnderFunctions, String handler, String eventClass, Path event) throws Exception {
        Path jar = Path.of("../functions", jarUnderFunctions);
        assumeTrue(Files.exists(jar), "the Lambda jars are built by `mvn package`; run `mvn verify`");
        LocalSystem stack = TestStack.get();
        Path runner = Path.of(DeployableJarIT.class.getResource("/lambda/InvokeHandler.java").toURI());
        ProcessBuilder lambda = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), runner.toString(), handler, eventClass, event.toString())
                .redirectErrorStream(true);
        lambda.environment().putAll(Map.of(
                "TABLE_NAME", stack.ref("Table"),
                "DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString(),
                "SQS_ENDPOINT", stack.sqsEndpoint().toString(),
                "PAYMENTS_QUEUE_URL", stack.ref("PaymentsQueue"),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local"));
        Process process = lambda.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result from " + jar + ":\n" + output));
        List<JsonNode> logLines = new ArrayList<>();
        for (String logLine : output.lines().filter(l -> !l.startsWith("RESULT ") && !l.isBlank()).toList()) {
            try {
                JsonNode parsed = JSON.readTree(logLine);
                assertThat(parsed.isObject()).as("a log line of " + jar + ": " + logLine).isTrue();
                logLines.add(parsed);
            } catch (JsonProcessingException notJson) {
                throw new AssertionError("a log line of " + jar + " is not JSON: " + logLine, notJson);
            }
        }
        return new Invocation(JSON.readTree(line.substring("RESULT ".length())).get("result"), logLines);
    }

    private Path write(String name, String json) throws Exception {
        return Files.writeString(scratch.resolve(name), json);
    }
}
