package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.items.UnmatchedEventItems;
import dev.ticketing.payments.provider.PaymentProvider;
import org.junit.jupiter.api.Test;

/** The payment functions answer the sample events of events/ (the ones `sam local invoke` would send). */
class PaymentSampleEventsIT {
    private final LocalSystem stack = TestStack.get();

    @Test
    void theWebhookFunctionRefusesTheUnsignedSampleAsProblemJson() {
        APIGatewayV2HTTPEvent unsigned = EventLoader.loadApiGatewayHttpEvent("../events/webhook-paypal-unsigned.json");

        APIGatewayV2HTTPResponse answer = stack.invoke("PaymentWebhookFunction", unsigned);

        assertThat(answer.getStatusCode()).isEqualTo(401);
        assertThat(answer.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(answer.getBody()).contains("\"status\":401");
    }

    @Test
    void theProcessorAcknowledgesAndRecordsTheUnknownOrderSampleInsteadOfRetryingIt() {
        SQSEvent batch = EventLoader.loadSQSEvent("../events/sqs-payment-unknown-order.json");

        SQSBatchResponse answer = stack.invoke("PaymentProcessorFunction", batch);

        assertThat(answer.getBatchItemFailures()).as("PayPal does not know the order: not ours, nothing to retry").isEmpty();
        String eventId = batch.getRecords().get(0).getMessageAttributes().get("eventId").getStringValue();
        assertThat(stack.dynamoDb().getItem(b -> b.tableName(stack.ref("Table"))
                .key(UnmatchedEventItems.key(PaymentProvider.PAYPAL, eventId)).consistentRead(true)).hasItem()).isTrue();
    }
}
