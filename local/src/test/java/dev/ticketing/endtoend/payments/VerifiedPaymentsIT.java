package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.config.PaymentTiming;
import dev.ticketing.local.paypal.SentWebhook;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import dev.ticketing.payments.provider.paypal.PayPalWebhookHeaders;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Money you can trust, end to end on the local system with the real PayPal client and the mock PayPal: a sale
 * only on what PayPal's API confirms, refunds and reversals made at PayPal reflected here, reconciliation of a
 * purchase whose webhooks were all lost, one payment per Idempotency-Key under concurrency, prices a provider can
 * charge, webhooks that cost no outbound call, and batches that a slow provider cannot push into the DLQ.
 */
class VerifiedPaymentsIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void signedButForgedCompletionEventsSellNothing() {
        String event = api.createEvent(3, 4);
        String alice = api.newUser("alice");
        String aliceHold = payments.hold(event, alice, "1-1", "1-2");
        JsonNode alicePayment = payments.startPayPal(aliceHold, alice);
        String aliceOrder = alicePayment.get("providerOrderId").asText();
        String bob = api.newUser("bob");
        JsonNode bobPayment = payments.startPayPal(payments.hold(event, bob, "3-1"), bob);
        String paymentId = alicePayment.get("id").asText();

        List<String> forged = List.of(
                forgeCapture(aliceOrder, paymentId, "FORGED-" + UUID.randomUUID(), "0.01", "EUR"),
                forgeCapture(aliceOrder, paymentId, "FORGED-" + UUID.randomUUID(), alicePayment.get("amount").asText(), "USD"),
                forgeCapture(bobPayment.get("providerOrderId").asText(), paymentId, "FORGED-" + UUID.randomUUID(),
                        alicePayment.get("amount").asText(), "EUR"),
                forgeCapture(aliceOrder, paymentId, null, alicePayment.get("amount").asText(), "EUR"));
        awaitDelivered(forged);
        payments.awaitQueueDrained();

        assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("PENDING");
        assertThat(payments.payment(bobPayment.get("id").asText(), bob).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.seatStatuses(event, api.newUser("carol"))).containsEntry("1-1", "RESERVED").containsEntry("1-2", "RESERVED")
                .containsEntry("3-1", "RESERVED");
        // the real approval still sells, on PayPal's own capture
        payments.approveAtPayPal(aliceOrder);
        JsonNode sold = payments.awaitStatus(paymentId, alice, "SUCCESS");
        assertThat(sold.get("captureId").asText()).isEqualTo(payments.paypalOrder(aliceOrder).captureId());
    }

    @Test
    void aSignedCardEventClaimingACaptureOfAnotherAmountSellsNothing() {
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "2-2");
        Api.Response started = payments.pay(holdId, alice, "OTHER");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String paymentId = started.json().get("id").asText();
        String sessionId = started.json().get("providerOrderId").asText();

        ObjectNode charge = JsonNodeFactory.instance.objectNode().put("id", "ch_forged_" + UUID.randomUUID().toString()
                .replace("-", "")).put("object", "charge").put("session", sessionId).put("reference", paymentId)
                .put("status", "succeeded").put("amount", "0.01").put("currency", "USD");
        String forged = payments.card().sendSigned("charge.captured", charge);
        await().atMost(PaymentsApi.DEADLINE).until(() -> payments.card().delivered(forged));
        payments.awaitQueueDrained();

        assertThat(payments.payment(paymentId, alice).get("status").asText()).as("the session is still open").isEqualTo("PENDING");
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "RESERVED");
        payments.card().pay(sessionId);
        payments.awaitStatus(paymentId, alice, "SUCCESS");
    }

    @Test
    void aRefundAtPayPalCancelsTheTicketsAndGivesTheSeatsBack() {
        Purchase purchase = purchase("1-1", "1-2");
        payments.paypalClient().refundCapture(purchase.captureId, purchase.amount, "EUR", "dashboard-refund-" + purchase.paymentId);

        JsonNode refunded = payments.awaitStatus(purchase.paymentId, purchase.buyer, "REFUNDED");
        assertThat(new BigDecimal(refunded.get("refundedAmount").asText())).isEqualByComparingTo(purchase.amount);
        assertThat(payments.tickets(purchase.buyer, purchase.holdId)).extracting(t -> t.get("status").asText())
                .containsOnly("CANCELLED");
        assertThat(api.seatStatuses(purchase.event, api.newUser("dan"))).containsEntry("1-1", "AVAILABLE")
                .containsEntry("1-2", "AVAILABLE");
    }

    @Test
    void aReversalAtPayPalIsReflectedLikeARefund() {
        Purchase purchase = purchase("2-1");
        payments.paypal().reverse(purchase.captureId);

        payments.awaitStatus(purchase.paymentId, purchase.buyer, "REFUNDED");
        assertThat(payments.tickets(purchase.buyer, purchase.holdId)).extracting(t -> t.get("status").asText())
                .containsOnly("CANCELLED");
        assertThat(api.seatStatuses(purchase.event, purchase.buyer)).containsEntry("2-1", "AVAILABLE");
    }

    @Test
    void aPartialRefundIsRecordedAndTheTicketsStay() {
        Purchase purchase = purchase("3-1", "3-2");
        BigDecimal half = purchase.amount.divide(BigDecimal.valueOf(2));
        payments.paypalClient().refundCapture(purchase.captureId, half, "EUR", "partial-" + purchase.paymentId);

        await().atMost(PaymentsApi.DEADLINE).untilAsserted(() ->
                assertThat(payments.payment(purchase.paymentId, purchase.buyer).path("refundedAmount").asText()).isNotEmpty());
        JsonNode payment = payments.payment(purchase.paymentId, purchase.buyer);
        assertThat(payment.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(new BigDecimal(payment.get("refundedAmount").asText())).isEqualByComparingTo(half);
        assertThat(payments.tickets(purchase.buyer, purchase.holdId)).extracting(t -> t.get("status").asText())
                .containsOnly("PAID");
    }

    @Test
    void aPurchaseWhoseWebhooksAreAllLostIsCompletedByReconciliation() {
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-3");
        JsonNode started = payments.startPayPal(holdId, alice);
        String paymentId = started.get("id").asText();
        payments.paypal().dropWebhooks(true);
        try {
            payments.approveAtPayPal(started.get("providerOrderId").asText());
            // other tests' payments on the shared stack may be due; this one is not, so it is left as it is
            payments.reconcile();
            assertThat(payments.payment(paymentId, alice).get("status").asText()).as("not due yet").isEqualTo("PENDING");

            TestStack.clock().advance(PaymentTiming.DEFAULTS.reconcileAfter().plusSeconds(1));
            payments.reconcile();
        } finally {
            payments.paypal().dropWebhooks(false);
        }
        assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("SUCCESS");
        assertThat(api.seatStatuses(event, alice)).containsEntry("1-3", "SOLD");
        assertThat(payments.tickets(alice, holdId)).extracting(t -> t.get("status").asText()).containsOnly("PAID");
    }

    @Test
    void aPaymentNeverApprovedEndsFailedTogetherWithItsHold() {
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "2-3");
        JsonNode started = payments.startPayPal(holdId, alice);
        String paymentId = started.get("id").asText();

        TestStack.clock().advance(Duration.ofMinutes(10).plus(PaymentTiming.DEFAULTS.paymentGrace()).plusSeconds(1));
        payments.reconcile();

        JsonNode failed = payments.payment(paymentId, alice);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("EXPIRED");
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(payments.tickets(alice, holdId)).extracting(t -> t.get("status").asText()).containsOnly("CANCELLED");
        // a much later approval takes no money
        payments.approveAtPayPal(started.get("providerOrderId").asText());
        payments.awaitQueueDrained();
        assertThat(payments.paypalOrder(started.get("providerOrderId").asText()).captureId()).isNull();
    }

    @Test
    void sixConcurrentPaymentsWithOneKeyAllAnswerTheFirstPayment() throws Exception {
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-1");
        String key = "pay-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> payments.pay(holdId, alice, "PAYPAL", key));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Api.Response> answer : pool.invokeAll(calls)) {
                Api.Response response = answer.get();
                assertThat(response.status()).as(response.toString()).isIn(200, 201);
                ids.add(response.json().get("id").asText());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pricesAProviderCannotChargeAreRefusedWhenTheEventIsCreated() {
        assertThat(createEvent("TWD", "100.25").status()).isEqualTo(400);
        assertThat(createEvent("HUF", "2990.50").status()).isEqualTo(400);
        assertThat(createEvent("JPY", "1500.5").status()).isEqualTo(400);
        assertThat(createEvent("EUR", "0").status()).isEqualTo(400);
        assertThat(createEvent("EUR", "-0.00").status()).isEqualTo(400);
        Api.Response twd = createEvent("TWD", "100.25");
        assertThat(twd.contentType()).isEqualTo("application/problem+json");
        assertThat(twd.json().get("detail").asText()).contains("PayPal").contains("TWD");

        for (String[] chargeable : new String[][]{{"TWD", "100"}, {"HUF", "2990"}, {"JPY", "1500"}}) {
            Api.Response created = createEvent(chargeable[0], chargeable[1]);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String buyer = api.newUser("buyer");
            String holdId = payments.hold(created.json().get("id").asText(), buyer, "1-1");
            JsonNode started = payments.startPayPal(holdId, buyer);
            payments.approveAtPayPal(started.get("providerOrderId").asText());
            payments.awaitStatus(started.get("id").asText(), buyer, "SUCCESS");
        }
    }

    @Test
    void anEventInACurrencyPayPalDoesNotTakeIsOfferedWithTheCardOnly() {
        Api.Response euros = createEvent("EUR", "49.00");
        assertThat(euros.json().get("providers")).extracting(JsonNode::asText).containsExactly("PAYPAL", "OTHER");

        Api.Response dinars = createEvent("KWD", "12.500");
        assertThat(dinars.status()).as(dinars.toString()).isEqualTo(201);
        assertThat(dinars.json().get("currency").asText()).isEqualTo("KWD");
        assertThat(dinars.json().get("providers")).extracting(JsonNode::asText).containsExactly("OTHER");
        String event = dinars.json().get("id").asText();
        assertThat(api.get("/events/" + event, null).json().get("providers")).extracting(JsonNode::asText)
                .containsExactly("OTHER");

        String buyer = api.newUser("buyer");
        String holdId = payments.hold(event, buyer, "1-1");
        Api.Response paypal = payments.pay(holdId, buyer, "PAYPAL");
        assertThat(paypal.status()).as(paypal.toString()).isEqualTo(422);
        assertThat(paypal.contentType()).isEqualTo("application/problem+json");
        assertThat(paypal.json().get("type").asText()).endsWith("currency-not-supported");
        assertThat(paypal.json().get("detail").asText()).contains("PayPal").contains("KWD");

        // nothing was started: the hold has no payment in flight, so the card checkout may start at once
        Api.Response card = payments.pay(holdId, buyer, "OTHER");
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        payments.card().pay(card.json().get("providerOrderId").asText());
        payments.awaitStatus(card.json().get("id").asText(), buyer, "SUCCESS");
    }

    @Test
    void aWebhookWhoseCertificateIsNotPayPalsIsRefusedWithoutAnOutboundCall() {
        String body = "{\"id\":\"WH-CERT-" + UUID.randomUUID() + "\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\","
                + "\"resource_type\":\"capture\",\"resource\":{\"id\":\"X\"}}";
        int before = payments.paypal().verifications();
        Api.Response refused = api.send("POST", "/webhooks/paypal", null, body, Map.of(
                PayPalWebhookHeaders.TRANSMISSION_ID, UUID.randomUUID().toString(),
                PayPalWebhookHeaders.TRANSMISSION_TIME, "2026-11-29T10:00:00Z",
                PayPalWebhookHeaders.TRANSMISSION_SIG, "c2lnbmF0dXJl",
                PayPalWebhookHeaders.CERT_URL, "https://evil.example/cert.pem",
                PayPalWebhookHeaders.AUTH_ALGO, PayPalWebhookHeaders.SHA256_WITH_RSA));
        Api.Response unsigned = api.send("POST", "/webhooks/paypal", null, body, Map.of());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(payments.paypal().verifications()).as("no verify call to PayPal").isEqualTo(before);
    }

    @Test
    void aSlowProviderCannotPushHealthyMessagesIntoTheDeadLetterQueue() {
        String event = api.createEvent(2, 6);
        List<String[]> buyers = new ArrayList<>();
        payments.poller().pause();
        SQSBatchResponse answer;
        List<Message> batch;
        long soldInTheSlowInvocation;
        try {
            for (int i = 1; i <= 6; i++) {
                String buyer = api.newUser("buyer");
                JsonNode started = payments.startPayPal(payments.hold(event, buyer, "1-" + i), buyer);
                payments.approveAtPayPal(started.get("providerOrderId").asText());
                payments.awaitPayPalWebhook(started.get("providerOrderId").asText(), PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
                buyers.add(new String[]{buyer, started.get("id").asText()});
            }
            batch = new ArrayList<>();
            await().atMost(PaymentsApi.DEADLINE).until(() -> {
                batch.addAll(payments.receive(Duration.ofSeconds(120)));
                return batch.size() >= 6;
            });
            // every PayPal answer takes 1 s; the invocation has 16 s left, 12 s of which it must keep in reserve
            payments.paypal().latency(Duration.ofSeconds(1));
            answer = payments.stack().invoke("PaymentProcessorFunction", payments.sqsEvent(batch), 16_000);
            payments.paypal().latency(Duration.ZERO);
            soldInTheSlowInvocation = buyers.stream()
                    .filter(buyer -> "SUCCESS".equals(payments.payment(buyer[1], buyer[0]).get("status").asText())).count();
            // the invocation ended normally: its messages are deleted, as the event source mapping does
            batch.forEach(message -> payments.stack().sqs().deleteMessage(b -> b.queueUrl(payments.queueUrl())
                    .receiptHandle(message.receiptHandle())));
        } finally {
            payments.paypal().latency(Duration.ZERO);
            payments.poller().resume();
        }

        assertThat(answer.getBatchItemFailures()).as("nothing reported as failed").isEmpty();
        assertThat(soldInTheSlowInvocation).as("the slow invocation stopped early and put the rest back").isBetween(1L, 5L);
        for (String[] buyer : buyers) {
            payments.awaitStatus(buyer[1], buyer[0], "SUCCESS");
        }
        payments.awaitQueueDrained();
        List<Message> dead = payments.stack().sqs().receiveMessage(b -> b.queueUrl(payments.deadLetterQueueUrl())
                .maxNumberOfMessages(10).visibilityTimeout(0)).messages();
        assertThat(dead).noneMatch(message -> buyers.stream().anyMatch(buyer -> message.body().contains(buyer[1])));
    }

    private record Purchase(String event, String buyer, String holdId, String paymentId, String captureId, BigDecimal amount) {
    }

    private Purchase purchase(String... seats) {
        String event = api.createEvent(3, 3);
        String buyer = api.newUser("buyer");
        String holdId = payments.hold(event, buyer, seats);
        JsonNode started = payments.startPayPal(holdId, buyer);
        payments.approveAtPayPal(started.get("providerOrderId").asText());
        JsonNode sold = payments.awaitStatus(started.get("id").asText(), buyer, "SUCCESS");
        return new Purchase(event, buyer, holdId, sold.get("id").asText(), sold.get("captureId").asText(),
                new BigDecimal(sold.get("amount").asText()));
    }

    private Api.Response createEvent(String currency, String price) {
        return api.post("/events", api.admin(), Map.of("name", "Priced in " + currency, "date", "2027-03-01T20:00:00Z",
                "rows", 1, "columns", 2, "currency", currency,
                "prices", List.of(Map.of("fromRow", 1, "toRow", 1, "price", price))));
    }

    /** A PAYMENT.CAPTURE.COMPLETED event the mock signs, with whatever content: what a forger could deliver. */
    private String forgeCapture(String orderId, String customId, String captureId, String amount, String currency) {
        ObjectNode capture = JsonNodeFactory.instance.objectNode();
        if (captureId != null) {
            capture.put("id", captureId);
        }
        capture.put("status", "COMPLETED").put("custom_id", customId).put("final_capture", true);
        capture.putObject("amount").put("currency_code", currency).put("value", amount);
        capture.putObject("supplementary_data").putObject("related_ids").put("order_id", orderId);
        return payments.paypal().sendSigned(PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED, PayPalWebhookEvent.RESOURCE_CAPTURE,
                capture);
    }

    private void awaitDelivered(List<String> eventIds) {
        await().atMost(PaymentsApi.DEADLINE).until(() -> payments.paypal().sentWebhooks().stream()
                .filter(sent -> eventIds.contains(sent.eventId()))
                .filter(SentWebhook::delivered)
                .count() == eventIds.size());
    }
}
