package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.provider.paypal.PayPalOrder;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import org.junit.jupiter.api.Test;

/** A buyer who gives up: the payment fails, the hold stays ACTIVE, and a new payment can start. */
class PaymentCancelIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void cancellingAtPayPalFailsThePaymentAndLeavesTheHoldForANewOne() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-5");
        JsonNode first = payments.startPayPal(holdId, alice);

        payments.cancelAtPayPal(first.get("providerOrderId").asText());

        // PayPal sends no webhook for it: the payment learns it when the buyer comes back and the client looks
        JsonNode failed = payments.payment(first.get("id").asText(), alice);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asText()).isEqualTo("The checkout was cancelled at PayPal");
        assertThat(failed.get("failureCode").asText()).isEqualTo("CANCELLED");
        assertThat(failed.has("approvalUrl")).isFalse();
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(api.seatStatuses(event, api.newUser("bob"))).containsEntry("1-5", "RESERVED");

        JsonNode second = payments.startPayPal(holdId, alice);
        assertThat(second.get("id").asText()).isNotEqualTo(first.get("id").asText());
        payments.approveAtPayPal(second.get("providerOrderId").asText());
        payments.awaitStatus(second.get("id").asText(), alice, "SUCCESS");
        assertThat(payments.payment(first.get("id").asText(), alice).get("status").asText()).isEqualTo("FAILED");
        assertThat(payments.tickets(alice, holdId)).singleElement().satisfies(ticket -> {
            assertThat(ticket.get("status").asText()).isEqualTo("PAID");
            assertThat(ticket.get("paymentId").asText()).isEqualTo(second.get("id").asText());
        });
    }

    @Test
    void aPaymentCancelledHereIsNeverCapturedEvenIfTheBuyerApprovesItLater() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "2-5");
        JsonNode started = payments.startPayPal(holdId, alice);
        String paymentId = started.get("id").asText();
        String orderId = started.get("providerOrderId").asText();

        Api.Response cancelled = api.post("/payments/" + paymentId + "/cancel", alice, null);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(cancelled.json().get("failureReason").asText()).isEqualTo("Cancelled by the buyer");
        assertThat(api.post("/payments/" + paymentId + "/cancel", alice, null).status()).as("again: harmless").isEqualTo(200);

        payments.approveAtPayPal(orderId);
        payments.awaitPayPalWebhook(orderId, PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED);
        payments.awaitQueueDrained();

        assertThat(payments.paypalClient().getOrder(orderId).status()).as("never captured").isEqualTo(PayPalOrder.APPROVED);
        assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("FAILED");
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aSucceededPaymentCannotBeCancelled() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "4-1");
        JsonNode started = payments.startPayPal(holdId, alice);
        payments.approveAtPayPal(started.get("providerOrderId").asText());
        String paymentId = started.get("id").asText();
        payments.awaitStatus(paymentId, alice, "SUCCESS");

        Api.Response refused = api.post("/payments/" + paymentId + "/cancel", alice, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("SUCCESS");
    }
}
