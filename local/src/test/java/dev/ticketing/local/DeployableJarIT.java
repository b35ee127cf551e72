package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        JsonNode response = run("api/target/ticketing-api.jar",
                "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                Path.of("../events/api-create-event.json"));

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
                write("sqs.json", "{\"Records\":[]}"));

        assertThat(response.get("batchItemFailures")).as(response.toString()).isEmpty();
    }

    @Test
    void theSweeperJarRunsAScheduledSweepOnItsOwn() throws Exception {
        JsonNode report = run("hold-expiry/target/ticketing-hold-expiry.jar",
                "dev.ticketing.expiry.ExpiredHoldSweepHandler",
                "com.amazonaws.services.lambda.runtime.events.ScheduledEvent",
                write("schedule.json", "{\"id\":\"sweep-1\",\"source\":\"aws.events\"}"));

        assertThat(report.isObject()).as(report.toString()).isTrue();
        assertThat(report.size()).as(report.toString()).isPositive();
    }

    @Test
    void theSweeperJarReadsItsOwnConfigurationFile() throws Exception {
        String output = launch("hold-expiry/target/ticketing-hold-expiry.jar", "PrintProperty.java",
                "dev.ticketing.expiry.ExpiredHoldSweepHandler", "micronaut.application.name");

        assertThat(output.lines().filter(l -> l.startsWith("PROPERTY ")).findFirst())
                .as(output).contains("PROPERTY ticketing-hold-expiry");
    }

    private JsonNode run(String jarUnderFunctions, String handler, String eventClass, Path event) throws Exception {
        String output = launch(jarUnderFunctions, "InvokeHandler.java", handler, eventClass, event.toString());
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result from " + jarUnderFunctions + ":\n" + output));
        return JSON.readTree(line.substring("RESULT ".length())).get("result");
    }

    /** Runs a runner source file with only the jar on the classpath and the stack's settings; returns its output. */
    private String launch(String jarUnderFunctions, String runnerFile, String... args) throws Exception {
        Path jar = Path.of("../functions", jarUnderFunctions);
        assumeTrue(Files.exists(jar), "the Lambda jars are built by `mvn package`; run `mvn verify`");
        LocalSystem stack = TestStack.get();
        Path runner = Path.of(DeployableJarIT.class.getResource("/lambda/" + runnerFile).toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), runner.toString()));
        command.addAll(List.of(args));
        ProcessBuilder lambda = new ProcessBuilder(command).redirectErrorStream(true);
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
        return output;
    }

    private Path write(String name, String json) throws Exception {
        return Files.writeString(scratch.resolve(name), json);
    }
}
