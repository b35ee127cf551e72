package dev.ticketing.acceptance;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What the LocalStack acceptance tests share: the pinned images, the container's settings, and whether this machine
 * can run them. Neither has run on the machines this project is built on (no Docker engine there); see
 * docs/testing.md.
 */
final class LocalStackProfile {
    /**
     * LocalStack's free community image, pinned: DynamoDB (with streams) and SQS are in it, and it needs no token. A
     * floating tag would change under the tests (and LocalStack's later images ask for a token).
     */
    static final String COMMUNITY_IMAGE = "localstack/localstack:4.4";
    /** The paid image, same version: HTTP APIs, Cognito and CloudFront are not in the community one. */
    static final String PRO_IMAGE = "localstack/localstack-pro:4.4";

    private LocalStackProfile() {
    }

    /**
     * A LocalStack container of {@code image}. Testcontainers' LocalStack module mounts the Docker socket that
     * {@code DockerClientFactory.getRemoteDockerUnixSocketPath()} names (the engine's own, whatever the host: Linux,
     * Docker Desktop, Colima, Podman), so LocalStack can start Lambda containers; no path is written here.
     * {@code LAMBDA_IGNORE_ARCHITECTURE=1}: the functions are arm64, and on an x86 host LocalStack would otherwise
     * try to run them emulated; their jars are plain Java and run on either.
     */
    static LocalStackContainer container(String image) {
        return new LocalStackContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv("LAMBDA_IGNORE_ARCHITECTURE", "1");
    }

    /** Decides once per test class whether it runs, and when it does not, says why in one line. */
    abstract static class Condition implements ExecutionCondition {
        private volatile ConditionEvaluationResult decided;

        /** Whether the class can run here, and why (not). */
        abstract ConditionEvaluationResult decide();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (decided == null) {
                decided = decide();
                if (decided.isDisabled()) {
                    System.out.println(context.getRequiredTestClass().getSimpleName() + " skipped: "
                            + decided.getReason().orElse(""));
                }
            }
            return decided;
        }
    }

    /**
     * Enabled only when every reason not to run is absent, checked in order (so a missing token never probes for
     * Docker); disabled with the first reason, printed once by the caller.
     */
    @SafeVarargs
    static ConditionEvaluationResult decide(String enabledBecause, Supplier<Optional<String>>... reasonsNotTo) {
        for (Supplier<Optional<String>> reason : reasonsNotTo) {
            Optional<String> why = reason.get();
            if (why.isPresent()) {
                return ConditionEvaluationResult.disabled(why.get());
            }
        }
        return ConditionEvaluationResult.enabled(enabledBecause);
    }

    /** Absent when a Docker engine answers Testcontainers, else the reason. */
    static Optional<String> noDocker() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
        } catch (RuntimeException | LinkageError none) {
            // reported below
        }
        return Optional.of("no Docker engine answers here");
    }
}
