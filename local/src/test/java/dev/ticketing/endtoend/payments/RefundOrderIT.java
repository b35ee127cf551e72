package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /payments/{id}/refund} end to end over HTTP and the mock PayPal: the organiser refunds a whole order
 * (the payment REFUNDED, its tickets CANCELLED, its seats holdable again, exactly one refund at PayPal) or one ticket
 * of two (that ticket's price back, the other ticket still valid); a repeat moves no money again; a ticket refunded
 * before is refused naming it; someone who does not organise the event is refused and nothing changes.
 */
class RefundOrderIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void theOrganiserRefundsAWholeOrderOnceAndItsSeatsGoBackOnSale() {
        String event = api.createEvent(4, 4);
        String alice = api.newUser("alice");
        String hold = payments.hold(event, alice, "2-1", "2-2");
        JsonNode paid = payments.sellWithPayPal(hold, alice);
        String refundPath = "/payments/" + paid.get("id").asText() + "/refund";

        Api.Response refunded = api.post(refundPath, api.admin(), Map.of());
        Api.Response again = api.post(refundPath, api.admin(), Map.of());

        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
        assertThat(refunded.json().get("status").asText()).isEqualTo("REFUNDED");
        assertThat(refunded.json().get("refundedAmount").asText()).isEqualTo(paid.get("amount").asText());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("REFUNDED");
        assertThat(payments.payment(paid.get("id").asText(), alice).get("status").asText())
                .as("the buyer sees it").isEqualTo("REFUNDED");
        assertThat(payments.tickets(alice, hold)).hasSize(2)
                .allSatisfy(ticket -> assertThat(ticket.get("status").asText()).isEqualTo("CANCELLED"));
        assertThat(payments.paypalOrder(paid.get("providerOrderId").asText()).refunded())
                .isEqualByComparingTo(paid.get("amount").asText());
        assertThat(payments.refundsAtPayPal(paid)).as("one refund at PayPal").isEqualTo(1);
        assertThat(api.hold(event, api.newUser("bob"), "2-1", "2-2").status()).as("the seats are on sale again")
                .isEqualTo(201);
    }

    @Test
    void theOrganiserRefundsOneTicketOfTwoOnceAndTheOtherStaysValid() {
        String event = api.createEvent(4, 4);
        String carol = api.newUser("carol");
        String hold = payments.hold(event, carol, "3-1", "3-2");
        JsonNode paid = payments.sellWithPayPal(hold, carol);
        String refundPath = "/payments/" + paid.get("id").asText() + "/refund";
        List<JsonNode> tickets = payments.tickets(carol, hold);
        JsonNode refundedTicket = tickets.get(0);
        JsonNode keptTicket = tickets.get(1);
        Map<String, Object> body = Map.of("ticketIds", List.of(refundedTicket.get("id").asText()));

        Api.Response partly = api.post(refundPath, api.admin(), body);
        Api.Response repeat = api.post(refundPath, api.admin(), body);
        Api.Response both = api.post(refundPath, api.admin(),
                Map.of("ticketIds", List.of(keptTicket.get("id").asText(), refundedTicket.get("id").asText())));

        assertThat(partly.status()).as(partly.toString()).isEqualTo(200);
        assertThat(partly.json().get("status").asText()).isEqualTo("SUCCESS");
        assertThat(partly.json().get("refundedAmount").asText()).isEqualTo(refundedTicket.get("price").asText());
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json().get("refundedAmount").asText()).isEqualTo(refundedTicket.get("price").asText());
        assertThat(both.status()).as(both.toString()).isEqualTo(409);
        assertThat(both.json().get("detail").asText()).contains(refundedTicket.get("id").asText());
        assertThat(payments.paypalOrder(paid.get("providerOrderId").asText()).refunded())
                .as("one ticket's price went back, once").isEqualByComparingTo(refundedTicket.get("price").asText());
        assertThat(payments.refundsAtPayPal(paid)).isEqualTo(1);
        assertThat(payments.tickets(carol, hold)).extracting(ticket -> ticket.get("seatId").asText() + " "
                + ticket.get("status").asText()).containsExactlyInAnyOrder(
                refundedTicket.get("seatId").asText() + " CANCELLED", keptTicket.get("seatId").asText() + " PAID");
        assertThat(api.hold(event, api.newUser("dave"), refundedTicket.get("seatId").asText()).status())
                .as("the refunded seat is on sale again").isEqualTo(201);
    }

    @Test
    void someoneWhoDoesNotOrganiseTheEventIsRefusedAndNothingChanges() {
        String event = api.createEvent(4, 4);
        String erin = api.newUser("erin");
        JsonNode paid = payments.sellWithPayPal(payments.hold(event, erin, "1-1"), erin);

        Api.Response refused = api.post("/payments/" + paid.get("id").asText() + "/refund", erin, Map.of());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(payments.payment(paid.get("id").asText(), erin).get("status").asText()).isEqualTo("SUCCESS");
        assertThat(payments.refundsAtPayPal(paid)).isZero();
    }
}
