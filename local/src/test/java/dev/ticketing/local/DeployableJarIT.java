package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.template.SamTemplate;
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
        assertThat(event.get("date").asText()).isEqualTo("2027-02-14T19:30:00.000Z");
        assertThat(event.get("prices").get(0).get("price").asText()).isEqualTo("45.00");
    }

    @Test
    void thePaymentProcessorJarTakesAnSqsBatchOnItsOwn() throws Exception {
        JsonNode response = run("payment-processor/target/ticketing-payment-processor.jar",
                "dev.ticketing.paymentprocessor.PaymentProcessorHandler",
                "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                write("sqs.json", "{\"Records\":[]}")).result();

        assertThat(response.get("batchItemFailures")).as(response.toString()).isEmpty();
    }

    @Test
    void theSweeperJarRunsAScheduledSweepOnItsOwn() throws Exception {
        JsonNode report = run("hold-expiry/target/ticketing-hold-expiry.jar",
                "dev.ticketing.holdexpiry.ExpiredHoldSweepHandler",
                "com.amazonaws.services.lambda.runtime.events.ScheduledEvent",
                write("schedule.json", "{\"id\":\"sweep-1\",\"source\":\"aws.events\"}")).result();

        assertThat(report.isObject()).as(report.toString()).isTrue();
        assertThat(report.size()).as(report.toString()).isPositive();
    }

    @Test
    void theEventSeatsJarTakesAQueueMessageOnItsOwn() throws Exception {
        JsonNode response = run("event-seats/target/ticketing-event-seats.jar",
                "dev.ticketing.eventseats.EventSeatsHandler",
                "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                Path.of("../events/sqs-event-seats-unknown-event.json")).result();

        // the sample names an event that was never stored, asked long ago: nothing to write, nothing to retry
        assertThat(response.get("batchItemFailures")).as(response.toString()).isEmpty();
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

    /**
     * The recipe of the README's {@code sam local invoke} section, short of Docker: each function's jar gets exactly
     * the variables SAM would give it from events/sam-local-env.json (those the template declares for it), with
     * host.docker.internal and the default ports standing for this test stack's, and answers the sample events.
     */
    @Test
    void theSamLocalEnvironmentFileRunsTheSampleEventsAgainstTheLocalStack() throws Exception {
        JsonNode file = JSON.readTree(Path.of("../events/sam-local-env.json").toFile());
        SamTemplate template = SamTemplate.fromClasspath();
        Map<String, SamTemplate.Function> functions = new java.util.LinkedHashMap<>();
        template.functions().forEach(function -> functions.put(function.id(), function));
        file.fieldNames().forEachRemaining(key -> assertThat(key.equals("Parameters") || functions.containsKey(key))
                .as("%s in sam-local-env.json is no function of the template", key).isTrue());

        JsonNode created = run("api/target/ticketing-api.jar", "dev.ticketing.api.lambda.ApiHandler",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                Path.of("../events/api-create-event.json"), samLocalEnvironment(file, functions.get("ApiFunction"))).result();
        assertThat(created.get("statusCode").asInt()).as(created.toString()).isEqualTo(201);
        JsonNode listed = run("api/target/ticketing-api.jar", "dev.ticketing.api.lambda.ApiHandler",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                Path.of("../events/api-list-events.json"), samLocalEnvironment(file, functions.get("ApiFunction"))).result();
        assertThat(listed.get("body").asText()).contains(JSON.readTree(created.get("body").asText()).get("id").asText());
        JsonNode swept = run("hold-expiry/target/ticketing-hold-expiry.jar", "dev.ticketing.holdexpiry.ExpiredHoldSweepHandler",
                "com.amazonaws.services.lambda.runtime.events.ScheduledEvent",
                write("schedule.json", "{\"id\":\"sweep-2\",\"source\":\"aws.events\"}"),
                samLocalEnvironment(file, functions.get("ExpiredHoldSweepFunction"))).result();
        assertThat(swept.get("failed").asInt()).isZero();
    }

    /** What SAM sets from the file: "Parameters" and the function's own entry, only for variables the template declares. */
    private Map<String, String> samLocalEnvironment(JsonNode file, SamTemplate.Function function) {
        LocalSystem stack = TestStack.get();
        Map<String, String> environment = new java.util.HashMap<>();
        for (JsonNode section : List.of(file.path("Parameters"), file.path(function.id()))) {
            section.fieldNames().forEachRemaining(name -> {
                assertThat(function.environment()).as("SAM passes only variables the template declares for "
                        + function.id()).containsKey(name);
                environment.put(name, section.get(name).asText()
                        .replace("http://host.docker.internal:8000", stack.dynamoDbEndpoint().toString())
                        .replace("http://host.docker.internal:9324", stack.sqsEndpoint().toString()));
            });
        }
        assertThat(environment.get("TABLE_NAME")).isEqualTo(stack.ref("Table"));
        environment.put("AWS_REGION", "us-east-1"); // sam local invoke --region us-east-1
        return environment;
    }

    @Test
    void theSweeperJarReadsItsOwnConfigurationFile() throws Exception {
        String output = launch("hold-expiry/target/ticketing-hold-expiry.jar", "PrintProperty.java", stackEnvironment(),
                "dev.ticketing.holdexpiry.ExpiredHoldSweepHandler", "micronaut.application.name");

        assertThat(output.lines().filter(l -> l.startsWith("PROPERTY ")).findFirst())
                .as(output).contains("PROPERTY ticketing-hold-expiry");
    }

    private Invocation run(String jarUnderFunctions, String handler, String eventClass, Path event) throws Exception {
        return run(jarUnderFunctions, handler, eventClass, event, stackEnvironment());
    }

    /** The result, and every other line the jar printed, each of which must be a JSON object. */
    private Invocation run(String jarUnderFunctions, String handler, String eventClass, Path event,
                           Map<String, String> environment) throws Exception {
        String output = launch(jarUnderFunctions, "InvokeHandler.java", environment, handler, eventClass, event.toString());
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result from " + jarUnderFunctions + ":\n" + output));
        List<JsonNode> logLines = new ArrayList<>();
        for (String logLine : output.lines().filter(l -> !l.startsWith("RESULT ") && !l.isBlank()).toList()) {
            try {
                JsonNode parsed = JSON.readTree(logLine);
                assertThat(parsed.isObject()).as("a log line of " + jarUnderFunctions + ": " + logLine).isTrue();
                logLines.add(parsed);
            } catch (JsonProcessingException notJson) {
                throw new AssertionError("a log line of " + jarUnderFunctions + " is not JSON: " + logLine, notJson);
            }
        }
        return new Invocation(JSON.readTree(line.substring("RESULT ".length())).get("result"), logLines);
    }

    /** The test stack's settings, as the functions read them from their environment. */
    private static Map<String, String> stackEnvironment() {
        LocalSystem stack = TestStack.get();
        return Map.of(
                "TABLE_NAME", stack.ref("Table"),
                "DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString(),
                "SQS_ENDPOINT", stack.sqsEndpoint().toString(),
                "PAYMENTS_QUEUE_URL", stack.ref("PaymentsQueue"),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local");
    }

    /** Runs a runner source file with only the jar on the classpath and the given environment; returns its output. */
    private String launch(String jarUnderFunctions, String runnerFile, Map<String, String> environment, String... args)
            throws Exception {
        Path jar = Path.of("../functions", jarUnderFunctions);
        assumeTrue(Files.exists(jar), "the Lambda jars are built by `mvn package`; run `mvn verify`");
        Path runner = Path.of(DeployableJarIT.class.getResource("/lambda/" + runnerFile).toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), runner.toString()));
        command.addAll(List.of(args));
        ProcessBuilder lambda = new ProcessBuilder(command).redirectErrorStream(true);
        lambda.environment().putAll(environment);
        Process process = lambda.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private Path write(String name, String json) throws Exception {
        return Files.writeString(scratch.resolve(name), json);
    }
}
