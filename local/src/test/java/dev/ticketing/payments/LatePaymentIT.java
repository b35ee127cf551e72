package dev.ticketing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.paypal.SentWebhook;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.paypal.PayPalWebhookEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Money that arrives after the hold's time: sold while the seats are still this hold's, refunded once they are not. */
class LatePaymentIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void aPaymentApprovedAfterExpiryWhenASeatWasReheldByAnotherUserIsRefundedAndFails() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String aliceHold = payments.hold(event, alice, "3-3", "3-4");
        JsonNode started = payments.startPayPal(aliceHold, alice);
        String paymentId = started.get("id").asText();
        String orderId = started.get("providerOrderId").asText();

        TestStack.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        String bob = api.newUser("bob");
        String bobHold = payments.hold(event, bob, "3-4");
        payments.approveAtPayPal(orderId);

        JsonNode failed = payments.awaitStatus(paymentId, alice, "FAILED");
        assertThat(failed.get("failureReason").asText())
                .isEqualTo("Hold expired and seat 3-4 was taken by someone else; the payment was refunded");
        assertThat(failed.get("failureCode").asText()).isEqualTo("TOO_LATE");
        String captureId = failed.get("captureId").asText();
        assertThat(failed.get("refundId").asText()).isNotBlank();
        List<SentWebhook> refunds = payments.paypalWebhooks(orderId, captureId, PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED);
        assertThat(refunds).as("refunded once at PayPal").hasSize(1);
        assertThat(refunds.get(0).event().refundId()).isEqualTo(failed.get("refundId").asText());
        // alice's hold ended, her tickets cancelled, her other seat free again
        assertThat(payments.hold(aliceHold, alice).get("status").asText()).isEqualTo("EXPIRED");
        // (the processor ends the hold right after it marks the payment FAILED: wait for it, within a deadline)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(payments.tickets(alice, aliceHold))
                .extracting(t -> t.get("status").asText()).containsOnly("CANCELLED"));
        // bob's hold untouched
        JsonNode bobs = payments.hold(bobHold, bob);
        assertThat(bobs.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(bobs.get("tickets").get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.seatStatuses(event, api.newUser("carol"))).containsEntry("3-4", "RESERVED").containsEntry("3-3", "AVAILABLE");
        // bob can still pay for his seat
        JsonNode bobPayment = payments.startPayPal(bobHold, bob);
        payments.approveAtPayPal(bobPayment.get("providerOrderId").asText());
        payments.awaitStatus(bobPayment.get("id").asText(), bob, "SUCCESS");
        // sold by the processor, another function instance: the map shows it within its staleness bound
        await().atMost(Duration.ofSeconds(2)).until(() -> "SOLD".equals(api.seatStatuses(event, alice).get("3-4")));
    }

    @Test
    void aPaymentCompletedJustAfterExpiryStillSellsSeatsNobodyElseTook() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "4-5", "4-6");
        JsonNode started = payments.startPayPal(holdId, alice);

        TestStack.clock().advance(Duration.ofMinutes(10).plusSeconds(5));
        payments.approveAtPayPal(started.get("providerOrderId").asText());

        payments.awaitStatus(started.get("id").asText(), alice, "SUCCESS");
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("PAID");
        assertThat(api.seatStatuses(event, api.newUser("bob"))).containsEntry("4-5", "SOLD").containsEntry("4-6", "SOLD");
        assertThat(payments.tickets(alice, holdId)).extracting(t -> t.get("status").asText()).containsOnly("PAID");
    }

    @Test
    void aPaymentCompletedAfterTheHoldWasReleasedIsRefunded() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "2-2");
        JsonNode started = payments.startPayPal(holdId, alice);

        assertThat(api.delete("/holds/" + holdId, alice).status()).isEqualTo(204);
        payments.approveAtPayPal(started.get("providerOrderId").asText());

        JsonNode failed = payments.awaitStatus(started.get("id").asText(), alice, "FAILED");
        assertThat(failed.get("failureReason").asText())
                .isEqualTo("The hold was released before the payment completed; the payment was refunded");
        assertThat(failed.get("refundId").asText()).isNotBlank();
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("RELEASED");
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "AVAILABLE");
    }
}
