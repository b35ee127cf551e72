package dev.ticketing.acceptance;

import dev.ticketing.local.testing.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The whole template in LocalStack Pro: template.yaml deployed (in a Testcontainers container) with the Lambda jars,
 * and the acceptance tests run against its API with tokens from LocalStack's Cognito ({@link LocalStackDeployment}).
 * It needs the jars ({@code mvn package}), {@code LOCALSTACK_AUTH_TOKEN} (HTTP APIs, Cognito and CloudFront are
 * LocalStack Pro features) and a Docker engine; without them every test is skipped, with one line saying why
 * (checked in that order, so a machine without a token never probes for Docker). Without a token,
 * {@link LocalStackAcceptanceIT} is the profile that runs. Never run on the machines this project is built on (no
 * Docker engine there): see docs/testing.md.
 */
@ExtendWith(LocalStackProAcceptanceIT.Profile.class)
class LocalStackProAcceptanceIT extends AcceptanceTests {
    private static LocalStackContainer localstack;
    private static LocalStackDeployment deployment;

    /** Runs the class only where it can: the jars, a LocalStack Pro token, a Docker engine; else says why, once. */
    static final class Profile extends LocalStackProfile.Condition {
        @Override
        ConditionEvaluationResult decide() {
            return LocalStackProfile.decide("the jars, a LocalStack Pro token and Docker are here",
                    () -> Files.exists(Path.of("../functions/api/target/ticketing-api.jar")) ? Optional.empty()
                            : Optional.of("the Lambda jars are not built (mvn package)"),
                    () -> token().isPresent() ? Optional.empty()
                            : Optional.of("LOCALSTACK_AUTH_TOKEN is not set (LocalStack's HTTP APIs and Cognito are "
                            + "Pro features; LocalStackAcceptanceIT needs no token)"),
                    LocalStackProfile::noDocker);
        }
    }

    private static Optional<String> token() {
        return Optional.ofNullable(System.getenv("LOCALSTACK_AUTH_TOKEN")).filter(token -> !token.isBlank());
    }

    @BeforeAll
    static void deploy() throws Exception {
        localstack = LocalStackProfile.container(LocalStackProfile.PRO_IMAGE)
                .withEnv("LOCALSTACK_AUTH_TOKEN", token().orElseThrow());
        localstack.start();
        deployment = LocalStackDeployment.deploy(localstack, Path.of(".."));
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Override
    protected Api api() {
        return deployment.api();
    }
}
