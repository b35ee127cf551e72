package dev.ticketing.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.TestStack;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Micronaut's Lambda support registered every invocation's {@code Context} (and its logger) as a bean and never
 * removed it, so a warm function slowed down with every request. Through the real handlers: after thousands of
 * invocations no function holds a single Context bean. (How the time per request behaves is measured in bench/.)
 */
class InvocationContextsIT {
    private static final int INVOCATIONS = 2_000;
    private final LocalSystem stack = TestStack.get();

    @Test
    void theApiFunctionKeepsNoContextOfPastRequests() {
        APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/events/" + UUID.randomUUID())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath("/events/x").build())
                        .build())
                .build();
        for (int i = 0; i < INVOCATIONS; i++) {
            APIGatewayV2HTTPResponse response = stack.invoke("ApiFunction", request);
            assertThat(response.getStatusCode()).isEqualTo(404);
        }
        assertNoInvocationContextIsABean(stack.applicationContext("ApiFunction"));
    }

    @Test
    void theQueueAndStreamFunctionsKeepNoContextOfPastInvocations() {
        SQSEvent emptyBatch = new SQSEvent();
        emptyBatch.setRecords(List.of());
        DynamodbEvent noRecords = new DynamodbEvent();
        noRecords.setRecords(List.of());
        for (int i = 0; i < INVOCATIONS; i++) {
            SQSBatchResponse answer = stack.invoke("PaymentProcessorFunction", emptyBatch);
            assertThat(answer.getBatchItemFailures()).isEmpty();
            stack.invoke("HoldExpiryFunction", noRecords);
        }
        assertNoInvocationContextIsABean(stack.applicationContext("PaymentProcessorFunction"));
        assertNoInvocationContextIsABean(stack.applicationContext("HoldExpiryFunction"));
    }

    private static void assertNoInvocationContextIsABean(ApplicationContext context) {
        assertThat(context.getBeansOfType(Context.class)).isEmpty();
        assertThat(context.getBeansOfType(LambdaLogger.class)).isEmpty();
        assertThat(context.getBeansOfType(ClientContext.class)).isEmpty();
    }
}
