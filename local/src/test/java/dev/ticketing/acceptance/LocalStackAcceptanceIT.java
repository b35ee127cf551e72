package dev.ticketing.acceptance;

import dev.ticketing.local.testing.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The LocalStack profile: template.yaml deployed to LocalStack (in a Testcontainers container) with the Lambda jars,
 * and the acceptance tests run against its API with tokens from LocalStack's Cognito. It needs a Docker engine, the
 * jars ({@code mvn package}), and {@code LOCALSTACK_AUTH_TOKEN} (HTTP APIs and Cognito are LocalStack Pro
 * features); without them every test is skipped, with one line saying why (checked in that order, so a machine
 * without a token never probes for Docker). Never run on the machines this project is built on
 * (no Docker engine there): see the README for what was and was not verified.
 */
@ExtendWith(LocalStackAcceptanceIT.Profile.class)
class LocalStackAcceptanceIT extends AcceptanceTests {
    static final String IMAGE = "localstack/localstack-pro:4";
    private static LocalStackContainer localstack;
    private static LocalStackDeployment deployment;

    /** Runs the class only where it can: a Docker engine, a LocalStack Pro token, the jars; else says why, once. */
    static final class Profile implements ExecutionCondition {
        private static volatile ConditionEvaluationResult decided;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (decided == null) {
                decided = decide();
                if (decided.isDisabled()) {
                    System.out.println("LocalStackAcceptanceIT skipped: " + decided.getReason().orElse(""));
                }
            }
            return decided;
        }

        private static ConditionEvaluationResult decide() {
            String authToken = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (!Files.exists(Path.of("../functions/api/target/ticketing-api.jar"))) {
                return ConditionEvaluationResult.disabled("the Lambda jars are not built (mvn package)");
            }
            if (authToken == null || authToken.isBlank()) {
                return ConditionEvaluationResult.disabled(
                        "LOCALSTACK_AUTH_TOKEN is not set (LocalStack's HTTP APIs and Cognito are Pro features)");
            }
            if (!dockerAnswers()) {
                return ConditionEvaluationResult.disabled("no Docker engine answers here");
            }
            return ConditionEvaluationResult.enabled("Docker, a LocalStack Pro token and the jars are here");
        }
    }

    @BeforeAll
    static void deploy() throws Exception {
        String authToken = System.getenv("LOCALSTACK_AUTH_TOKEN");
        localstack = new LocalStackContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv("LOCALSTACK_AUTH_TOKEN", authToken)
                // LocalStack runs each Lambda function in a container of its own, through the host's engine
                .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock");
        localstack.start();
        deployment = LocalStackDeployment.deploy(localstack, Path.of(".."));
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError none) {
            return false;
        }
    }

    @Override
    protected Api api() {
        return deployment.api();
    }
}
