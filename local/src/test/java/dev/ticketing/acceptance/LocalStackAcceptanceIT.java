package dev.ticketing.acceptance;

import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The token-free LocalStack profile: the table (with its stream) and the queues in LocalStack's free community image,
 * the handlers in this JVM as the local stack runs them ({@code --aws-endpoint}, {@link LocalOptions#awsEndpoint}),
 * and the acceptance tests over its HTTP front. The local stack creates the table and queues with the AWS SDK, as
 * it does in DynamoDB Local and ElasticMQ, so no CloudFormation resource type is asked of LocalStack. It needs a
 * Docker engine; without one every test is skipped with one line saying so. Never run on the machines this project
 * is built on (no Docker engine there): see docs/testing.md.
 */
@ExtendWith(LocalStackAcceptanceIT.Profile.class)
class LocalStackAcceptanceIT extends AcceptanceTests {
    private static LocalStackContainer localstack;
    private static LocalSystem stack;

    /** Runs the class only where a Docker engine answers; else says why, once. */
    static final class Profile extends LocalStackProfile.Condition {
        @Override
        ConditionEvaluationResult decide() {
            return LocalStackProfile.decide("a Docker engine answers", LocalStackProfile::noDocker);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        localstack = LocalStackProfile.container(LocalStackProfile.COMMUNITY_IMAGE).withServices("dynamodb", "sqs");
        localstack.start();
        stack = LocalSystem.start(LocalOptions.defaults().inMemoryWithoutDemo().withPorts(0, 0, 0)
                .withAwsEndpoint(localstack.getEndpoint()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Override
    protected Api api() {
        return new Api(stack);
    }
}
