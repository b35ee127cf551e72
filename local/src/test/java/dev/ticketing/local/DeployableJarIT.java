package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar SAM deploys works on its own: run in a separate JVM with nothing but that jar on the classpath and
 * configuration from environment variables, as Lambda runs it, against the test stack's DynamoDB. (Catches what
 * the one-JVM local stack can hide, such as a configuration file read only thanks to a library the stack carries.)
 */
class DeployableJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theApiFunctionJarAnswersASampleEventOnItsOwn() throws Exception {
        Path jar = Path.of("../functions/api/target/ticketing-api.jar");
        assumeTrue(Files.exists(jar), "the Lambda jar is built by `mvn package`; run `mvn verify`");
        LocalStack stack = TestStack.get();
        Path runner = Path.of(DeployableJarIT.class.getResource("/lambda/InvokeHandler.java").toURI());

        ProcessBuilder lambda = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), runner.toString(), "../events/api-create-event.json")
                .redirectErrorStream(true);
        lambda.environment().put("TABLE_NAME", stack.ref("Table"));
        lambda.environment().put("DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString());
        lambda.environment().put("AWS_REGION", "us-east-1");
        Process process = lambda.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String line = output.lines().filter(l -> l.startsWith("RESPONSE ")).findFirst()
                .orElseThrow(() -> new AssertionError("no response from the jar:\n" + output));
        JsonNode response = JSON.readTree(line.substring("RESPONSE ".length()));
        assertThat(response.get("status").asInt()).as(output).isEqualTo(201);
        JsonNode event = JSON.readTree(response.get("body").asText());
        assertThat(event.get("date").asText()).isEqualTo("2027-02-14T19:30:00Z");
        assertThat(event.get("prices").get(0).get("price").asText()).isEqualTo("45.00");
    }
}
