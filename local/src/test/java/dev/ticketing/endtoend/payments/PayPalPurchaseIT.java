package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.provider.paypal.PayPalOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hold -> pay with PayPal -> approve at the (mock) provider -> SUCCESS, end to end over HTTP, webhooks and SQS. */
class PayPalPurchaseIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void anApprovedPayPalPaymentSellsTheSeatsAndPaysTheTickets() {
        String event = api.createEvent(5, 8);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "3-4", "3-5");

        Api.Response started = payments.pay(holdId, alice, "PAYPAL");

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode payment = started.json();
        assertThat(payment.get("status").asText()).isEqualTo("PENDING");
        assertThat(payment.get("holdId").asText()).isEqualTo(holdId);
        assertThat(payment.get("amount").asText()).isEqualTo("40.00");
        assertThat(payment.get("currency").asText()).isEqualTo("EUR");
        assertThat(payment.get("provider").asText()).isEqualTo("PAYPAL");
        String orderId = payment.get("providerOrderId").asText();
        assertThat(payment.get("approvalUrl").asText())
                .isEqualTo(api.baseUrl() + "/mock-paypal/checkoutnow?token=" + orderId);
        assertThat(started.headers().firstValue("Location")).hasValue("/payments/" + payment.get("id").asText());

        payments.approveAtPayPal(orderId);

        String paymentId = payment.get("id").asText();
        JsonNode done = payments.awaitStatus(paymentId, alice, "SUCCESS");
        assertThat(done.get("failureReason").isNull()).isTrue();
        assertThat(done.get("captureId").asText()).isNotBlank();
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("PAID");
        assertThat(api.seatStatuses(event, api.newUser("bob"))).containsEntry("3-4", "SOLD").containsEntry("3-5", "SOLD")
                .containsEntry("3-6", "AVAILABLE");
        List<JsonNode> tickets = payments.tickets(alice, holdId);
        assertThat(tickets).hasSize(2).allSatisfy(ticket -> {
            assertThat(ticket.get("status").asText()).isEqualTo("PAID");
            assertThat(ticket.get("paymentId").asText()).isEqualTo(paymentId);
            assertThat(ticket.get("eventId").asText()).isEqualTo(event);
        });
        assertThat(tickets).extracting(ticket -> ticket.get("seatId").asText()).containsExactlyInAnyOrder("3-4", "3-5");
        PayPalOrder order = payments.paypalClient().getOrder(orderId);
        assertThat(order.status()).isEqualTo(PayPalOrder.COMPLETED);
        assertThat(order.captureId()).isEqualTo(done.get("captureId").asText());
    }
}
