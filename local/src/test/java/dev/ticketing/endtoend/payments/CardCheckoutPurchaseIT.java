package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.provider.card.CardWebhookEvent;
import dev.ticketing.payments.provider.card.CheckoutSignature;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The second provider, OTHER: a hosted card checkout with HMAC-signed webhooks, through the same flow. */
class CardCheckoutPurchaseIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void aCardPaymentPaidOnTheHostedPageSellsTheSeats() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-3", "1-4");

        Api.Response started = payments.pay(holdId, alice, "OTHER");

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode payment = started.json();
        String sessionId = payment.get("providerOrderId").asText();
        assertThat(payment.get("provider").asText()).isEqualTo("OTHER");
        assertThat(payment.get("amount").asText()).isEqualTo("100.00");
        assertThat(payment.get("approvalUrl").asText()).isEqualTo(api.baseUrl() + "/mock-card-checkout/pay/" + sessionId);
        Api.Response page = api.get("/mock-card-checkout/pay/" + sessionId, null);
        assertThat(page.body()).contains("100.00 EUR").contains("id=\"pay\"");

        assertThat(api.post(LocalPayments.CARD_PATH + "/pay/" + sessionId + "/pay", null, "").status()).isEqualTo(200);

        String paymentId = payment.get("id").asText();
        JsonNode done = payments.awaitStatus(paymentId, alice, "SUCCESS");
        assertThat(done.get("captureId").asText()).startsWith("ch_");
        assertThat(api.seatStatuses(event, api.newUser("bob"))).containsEntry("1-3", "SOLD").containsEntry("1-4", "SOLD");
        assertThat(payments.tickets(alice, holdId)).extracting(t -> t.get("status").asText()).containsOnly("PAID");
        assertThat(payments.card().describe(sessionId)).isEqualTo("complete charge " + done.get("captureId").asText() + " refunded 0");

        // every event again: nothing changes
        payments.card().sentWebhooks().stream().filter(e -> payments.card().webhookBody(e.getKey()).contains(sessionId))
                .forEach(e -> payments.card().redeliver(e.getKey()));
        payments.awaitQueueDrained();
        JsonNode after = payments.payment(paymentId, alice);
        assertThat(after.get("updatedAt").asText()).isEqualTo(done.get("updatedAt").asText());
        assertThat(payments.card().describe(sessionId)).endsWith("refunded 0");
    }

    @Test
    void cancellingOnTheHostedPageFailsThePaymentThroughItsWebhook() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "2-1");
        JsonNode payment = payments.pay(holdId, alice, "OTHER").json();
        String sessionId = payment.get("providerOrderId").asText();

        payments.card().cancel(sessionId);

        JsonNode failed = payments.awaitStatus(payment.get("id").asText(), alice, "FAILED");
        assertThat(failed.get("failureReason").asText()).isEqualTo("The checkout was cancelled at Card (hosted checkout)");
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(payments.pay(holdId, alice, "PAYPAL").status()).isEqualTo(201);
    }

    @Test
    void aGenuineButOldDeliveryIsRefusedAsAReplay() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "3-1");
        JsonNode payment = payments.pay(holdId, alice, "OTHER").json();
        String sessionId = payment.get("providerOrderId").asText();
        payments.card().pay(sessionId);
        payments.awaitStatus(payment.get("id").asText(), alice, "SUCCESS");
        String body = payments.card().sentWebhooks().stream()
                .map(e -> payments.card().webhookBody(e.getKey()))
                .filter(b -> b.contains(sessionId) && b.contains(CardWebhookEvent.SESSION_AUTHORIZED))
                .findFirst().orElseThrow();
        CheckoutSignature signer = new CheckoutSignature(LocalPayments.CARD_WEBHOOK_SECRET, Duration.ZERO, TestStack.clock());
        long tenMinutesAgo = TestStack.clock().instant().minus(Duration.ofMinutes(10)).getEpochSecond();

        Api.Response replayed = api.send("POST", "/webhooks/other", null, body,
                Map.of(CheckoutSignature.HEADER, signer.header(tenMinutesAgo, body)));
        Api.Response fresh = api.send("POST", "/webhooks/other", null, body,
                Map.of(CheckoutSignature.HEADER, signer.header(body)));

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.json().get("detail").asText()).contains("outside tolerance");
        assertThat(fresh.status()).as("a genuine redelivery is accepted (and changes nothing)").isEqualTo(200);
        await().atMost(PaymentsApi.DEADLINE).untilAsserted(() -> payments.awaitQueueDrained());
        assertThat(payments.payment(payment.get("id").asText(), alice).get("status").asText()).isEqualTo("SUCCESS");
    }
}
