package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.paypal.SentWebhook;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.provider.paypal.PayPalCapture;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Exactly once in effect: the same webhook delivered again and again, a processor that dies between the DynamoDB
 * commit and the SQS delete, two processors on the same message at once, and forged webhooks that must not get in.
 */
class PaymentDeliveryIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void theSameWebhooksDeliveredFiveTimesMoreChangeNothing() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-1", "1-2");
        JsonNode started = payments.startPayPal(holdId, alice);
        String orderId = started.get("providerOrderId").asText();
        payments.approveAtPayPal(orderId);
        String paymentId = started.get("id").asText();
        JsonNode sold = payments.awaitStatus(paymentId, alice, "SUCCESS");
        String captureId = sold.get("captureId").asText();
        SentWebhook approved = payments.awaitPayPalWebhook(orderId, PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
        SentWebhook completed = payments.awaitPayPalWebhook(orderId, PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED);
        payments.awaitQueueDrained();
        List<JsonNode> ticketsBefore = payments.tickets(alice, holdId);

        for (int i = 0; i < 5; i++) {
            payments.paypal().redeliver(approved.eventId());
            payments.paypal().redeliver(completed.eventId());
        }

        await().atMost(PaymentsApi.DEADLINE).until(() -> successfulDeliveries(approved.eventId()) >= 6
                && successfulDeliveries(completed.eventId()) >= 6);
        payments.awaitQueueDrained();
        JsonNode after = payments.payment(paymentId, alice);
        assertThat(after.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(after.get("updatedAt").asText()).as("not written again").isEqualTo(sold.get("updatedAt").asText());
        assertThat(after.get("captureId").asText()).isEqualTo(captureId);
        assertThat(payments.paypalWebhooks(orderId, captureId, PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED))
                .as("one capture").hasSize(1);
        assertThat(payments.paypalWebhooks(orderId, captureId, PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED))
                .as("no refund").isEmpty();
        assertThat(payments.tickets(alice, holdId)).isEqualTo(ticketsBefore);
        assertThat(api.seatStatuses(event, alice)).containsEntry("1-1", "SOLD").containsEntry("1-2", "SOLD");
    }

    @Test
    void aProcessorKilledBetweenTheCommitAndTheDeleteStillSellsExactlyOnce() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "2-3", "2-4");
        JsonNode started = payments.startPayPal(holdId, alice);
        String orderId = started.get("providerOrderId").asText();
        String paymentId = started.get("id").asText();
        payments.poller().pause();
        try {
            payments.approveAtPayPal(orderId);
            payments.awaitPayPalWebhook(orderId, PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
            List<Message> approval = receiveEvent(orderId, PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);

            // the processor takes the approval: captures, sells, commits... and dies before deleting the message
            SQSBatchResponse first = payments.invokeProcessor(payments.sqsEvent(approval));

            assertThat(first.getBatchItemFailures()).isEmpty();
            assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("SUCCESS");
            // not deleted: its visibility timeout runs out and SQS delivers it again
            payments.makeVisible(approval);
        } finally {
            payments.poller().resume();
        }
        // SQS delivers the approval again (and the capture's completion): the poller runs them through the processor
        payments.awaitPayPalWebhook(orderId, PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED);
        payments.awaitQueueDrained();

        JsonNode payment = payments.payment(paymentId, alice);
        assertThat(payment.get("status").asText()).isEqualTo("SUCCESS");
        String captureId = payment.get("captureId").asText();
        assertThat(payments.paypalWebhooks(orderId, captureId, PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED)).hasSize(1);
        assertThat(payments.paypalWebhooks(orderId, captureId, PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED)).isEmpty();
        assertThat(payments.tickets(alice, holdId)).extracting(t -> t.get("status").asText()).containsOnly("PAID");
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void twoProcessorsOnTheSameCompletedCaptureSellOnce() throws Exception {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "3-1", "3-2", "3-3");
        JsonNode started = payments.startPayPal(holdId, alice);
        String orderId = started.get("providerOrderId").asText();
        String paymentId = started.get("id").asText();
        payments.poller().pause();
        try {
            payments.approveAtPayPal(orderId);
            payments.awaitPayPalWebhook(orderId, PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
            // a processor captured (same request id as ours) and died before it could sell
            PayPalCapture capture = payments.paypalClient().captureOrder(orderId, "capture-" + paymentId);
            assertThat(capture.isCompleted()).isTrue();
            payments.awaitPayPalWebhook(orderId, PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED);
            List<Message> completion = receiveEvent(orderId, PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED);
            SQSEvent same = payments.sqsEvent(completion);

            // ...and SQS hands the completion to two processors at once (a redelivery racing the original)
            CompletableFuture<SQSBatchResponse> one = CompletableFuture.supplyAsync(() -> payments.invokeProcessor(same));
            CompletableFuture<SQSBatchResponse> two = CompletableFuture.supplyAsync(() -> payments.invokeProcessor(same));

            assertThat(one.get().getBatchItemFailures()).isEmpty();
            assertThat(two.get().getBatchItemFailures()).isEmpty();
            JsonNode payment = payments.payment(paymentId, alice);
            assertThat(payment.get("status").asText()).isEqualTo("SUCCESS");
            assertThat(payment.get("captureId").asText()).isEqualTo(capture.captureId());
            payments.makeVisible(completion);
        } finally {
            payments.poller().resume();
        }
        payments.awaitQueueDrained();
        assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("SUCCESS");
        assertThat(payments.paypalWebhooks(orderId, null, PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED)).hasSize(1);
        assertThat(payments.paypalWebhooks(orderId, null, PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED)).isEmpty();
        assertThat(api.seatStatuses(event, alice)).containsEntry("3-1", "SOLD").containsEntry("3-2", "SOLD")
                .containsEntry("3-3", "SOLD");
    }

    @Test
    void forgedUnsignedOrUnreadableWebhooksAreRefusedAndQueueNothing() {
        String forgedId = "WH-FORGED-" + UUID.randomUUID();
        String body = "{\"id\":\"" + forgedId + "\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource_type\":\"capture\","
                + "\"resource\":{\"id\":\"CAPTURE1\",\"status\":\"COMPLETED\",\"custom_id\":\"x\","
                + "\"supplementary_data\":{\"related_ids\":{\"order_id\":\"ORDER1\"}}}}";
        Map<String, String> forgedHeaders = Map.of(
                "PAYPAL-TRANSMISSION-ID", UUID.randomUUID().toString(),
                "PAYPAL-TRANSMISSION-TIME", "2026-11-24T10:00:00Z",
                "PAYPAL-TRANSMISSION-SIG", "Zm9yZ2Vk",
                "PAYPAL-CERT-URL", payments.paypal().certUrl().toString(),
                "PAYPAL-AUTH-ALGO", "SHA256withRSA");
        String cardBody = "{\"id\":\"evt_forged_" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"type\":\"charge.captured\",\"created\":1,\"data\":{\"object\":{\"object\":\"charge\",\"id\":\"ch_x\"}}}";
        payments.poller().pause();
        try {
            Api.Response forged = api.send("POST", "/webhooks/paypal", null, body, forgedHeaders);
            Api.Response unsigned = api.send("POST", "/webhooks/paypal", null, body, Map.of());
            Api.Response unreadable = api.send("POST", "/webhooks/paypal", null, "not json", forgedHeaders);
            Api.Response forgedCard = api.send("POST", "/webhooks/other", null, cardBody,
                    Map.of("Checkout-Signature", "t=" + TestStack.clock().instant().getEpochSecond() + ",v1=" + "ab".repeat(32)));

            assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
            assertThat(unsigned.status()).isEqualTo(401);
            assertThat(unreadable.status()).isEqualTo(400);
            assertThat(forgedCard.status()).isEqualTo(401);
            for (Api.Response refused : List.of(forged, unsigned, unreadable, forgedCard)) {
                assertThat(refused.contentType()).isEqualTo("application/problem+json");
                assertThat(refused.json().get("status").asInt()).isEqualTo(refused.status());
            }
            List<String> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                payments.receive(Duration.ZERO).forEach(m -> queued.add(m.body()));
            }
            assertThat(queued).noneMatch(queuedBody -> queuedBody.contains(forgedId) || queuedBody.contains("evt_forged_"));
        } finally {
            payments.poller().resume();
        }
    }

    private List<Message> receiveEvent(String orderId, String eventType) {
        List<Message> found = new ArrayList<>();
        await().atMost(PaymentsApi.DEADLINE).until(() -> {
            for (Message message : payments.receive(Duration.ofSeconds(30))) {
                PayPalWebhookEvent webhook = PayPalWebhookEvent.parse(message.body());
                if (eventType.equals(webhook.eventType()) && orderId.equals(webhook.orderId())) {
                    found.add(message);
                } else {
                    // someone else's: let it come back for the poller
                    payments.stack().sqs().changeMessageVisibility(b -> b.queueUrl(payments.queueUrl())
                            .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
            return !found.isEmpty();
        });
        return found;
    }

    private long successfulDeliveries(String eventId) {
        return payments.paypal().sentWebhooks().stream().filter(sent -> sent.eventId().equals(eventId))
                .flatMap(sent -> sent.attempts().stream()).filter(attempt -> attempt.succeeded()).count();
    }
}
