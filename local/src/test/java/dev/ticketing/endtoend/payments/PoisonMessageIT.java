package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.items.UnmatchedEventItems;
import dev.ticketing.payments.provider.PaymentProvider;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Messages the processor can never handle end in the dead-letter queue after five tries, and block nothing. */
class PoisonMessageIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void poisonMessagesEndInTheDeadLetterQueueWithoutBlockingOthersAndAForeignOrderIsRecordedNotRetried() {
        String marker = UUID.randomUUID().toString();
        String unreadable = "not a webhook " + marker;
        String unknownPayment = "{\"id\":\"WH-POISON-" + marker + "\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\","
                + "\"resource_type\":\"checkout-order\",\"resource\":{\"id\":\"NOSUCHORDER\",\"status\":\"APPROVED\"}}";
        String noProvider = "{\"id\":\"WH-NOPROVIDER-" + marker + "\"}";
        send(unreadable, Map.of("provider", string("PAYPAL")));
        send(unknownPayment, Map.of("provider", string("PAYPAL"), "eventId", string("WH-POISON-" + marker)));
        send(noProvider, Map.of());

        // meanwhile a purchase goes through as usual
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-1");
        JsonNode started = payments.startPayPal(holdId, alice);
        payments.approveAtPayPal(started.get("providerOrderId").asText());
        payments.awaitStatus(started.get("id").asText(), alice, "SUCCESS");

        Set<String> deadLetters = new HashSet<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (Message message : payments.stack().sqs().receiveMessage(b -> b.queueUrl(payments.deadLetterQueueUrl())
                    .maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0)
                    .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
                    .messages()) {
                if (message.body().contains(marker)) {
                    deadLetters.add(message.body());
                }
            }
            return deadLetters.size() == 2;
        });
        assertThat(deadLetters).containsExactlyInAnyOrder(unreadable, noProvider);
        payments.awaitQueueDrained();
        // an order PayPal does not know is not ours: acknowledged and recorded for an operator, never retried
        assertThat(payments.stack().dynamoDb().getItem(b -> b.tableName(payments.stack().ref("Table"))
                .key(UnmatchedEventItems.key(PaymentProvider.PAYPAL, "WH-POISON-" + marker)).consistentRead(true)).item())
                .containsKey("reason");
    }

    private void send(String body, Map<String, MessageAttributeValue> attributes) {
        payments.stack().sqs().sendMessage(b -> b.queueUrl(payments.queueUrl()).messageBody(body).messageAttributes(attributes));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
