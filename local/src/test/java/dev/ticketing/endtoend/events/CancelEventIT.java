package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.provider.paypal.PayPalOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /events/{id}/cancel} end to end over HTTP, the event-cancellation queue and the mock PayPal: open holds
 * end, a payment in flight ends FAILED with nothing captured at PayPal, sold tickets are CANCELLED and their payments
 * REFUNDED with exactly one refund at PayPal each; a second cancel answers the same; new holds and the seat map answer
 * 409 {@code event-cancelled}. And a cancel while 30 buyers hold and pay on their own threads: in the end every payment
 * is REFUNDED or FAILED, every captured one refunded exactly once, and the counts agree.
 */
class CancelEventIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void aCancelEndsHoldsFailsThePaymentInFlightAndRefundsEverySaleOnce() {
        String event = api.createEvent(12, 10);
        String alice = api.newUser("alice");
        String aliceHold = payments.hold(event, alice, "1-1");
        String bob = api.newUser("bob");
        JsonNode inFlight = payments.startPayPal(payments.hold(event, bob, "2-1"), bob);
        String carol = api.newUser("carol");
        String carolHold = payments.hold(event, carol, "8-1", "8-2");
        JsonNode carolPaid = payments.sellWithPayPal(carolHold, carol);
        String dave = api.newUser("dave");
        String daveHold = payments.hold(event, dave, "5-10", "6-10");
        JsonNode davePaid = payments.sellWithPayPal(daveHold, dave);
        String admin = api.admin();

        Api.Response cancelled = api.post("/events/" + event + "/cancel", admin, Map.of("reason", "The band is ill"));

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("cancellation").get("reason").asText()).isEqualTo("The band is ill");
        Api.Response newHold = api.hold(event, api.newUser("erin"), "3-3");
        assertThat(newHold.status()).isEqualTo(409);
        assertThat(newHold.json().get("type").asText()).endsWith("event-cancelled");
        assertThat(api.get("/events/" + event + "/seats", admin).json().get("type").asText()).endsWith("event-cancelled");

        JsonNode done = awaitFinished(event);
        assertThat(done.get("tickets").asInt()).isEqualTo(4);
        assertThat(done.get("refunded").asInt()).isEqualTo(4);
        assertThat(done.get("failed").asInt()).isZero();
        assertThat(done.get("pending").asInt()).isZero();
        assertThat(done.get("failures")).isEmpty();
        assertThat(payments.hold(aliceHold, alice).get("status").asText()).isEqualTo("RELEASED");
        JsonNode bobsPayment = payments.awaitStatus(inFlight.get("id").asText(), bob, "FAILED");
        assertThat(bobsPayment.get("failureReason").asText()).contains("cancelled");
        PayPalOrder bobsOrder = payments.paypalOrder(inFlight.get("providerOrderId").asText());
        assertThat(bobsOrder.captureId()).as("nothing captured at PayPal").isNull();
        for (JsonNode paid : List.of(carolPaid, davePaid)) {
            String user = paid == carolPaid ? carol : dave;
            assertThat(payments.awaitStatus(paid.get("id").asText(), user, "REFUNDED")).isNotNull();
            assertThat(payments.tickets(user, paid.get("holdId").asText()))
                    .allSatisfy(ticket -> assertThat(ticket.get("status").asText()).isEqualTo("CANCELLED"));
            assertThat(payments.refundsAtPayPal(paid)).as("refunds of payment " + paid.get("id")).isEqualTo(1);
        }

        Api.Response again = api.post("/events/" + event + "/cancel", admin, Map.of("reason", "Another reason"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("cancellation").get("reason").asText()).isEqualTo("The band is ill");
        assertThat(again.json().get("cancellation").get("cancelledAt"))
                .isEqualTo(cancelled.json().get("cancellation").get("cancelledAt"));
    }

    /**
     * Payments in flight take nothing: the card checkout's session is voided by the cancellation itself (not an hour
     * later by reconciliation), so the buyer can no longer authorize anything on it; a PayPal order the buyer approves
     * after the cancel is never captured.
     */
    @Test
    void aCardCheckoutInFlightIsVoidedAtOnceAndAPayPalOrderIsNeverCaptured() {
        String event = api.createEvent(2, 4);
        String erin = api.newUser("erin");
        Api.Response card = payments.pay(payments.hold(event, erin, "1-1"), erin, "OTHER");
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        String session = card.json().get("providerOrderId").asText();
        String frank = api.newUser("frank");
        JsonNode paypal = payments.startPayPal(payments.hold(event, frank, "2-1"), frank);
        String order = paypal.get("providerOrderId").asText();

        Api.Response cancelled = api.post("/events/" + event + "/cancel", api.admin(), Map.of("reason", "Power cut"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        awaitFinished(event);

        assertThat(payments.payment(card.json().get("id").asText(), erin).get("status").asText()).isEqualTo("FAILED");
        assertThat(payments.card().status(session)).as("the card session at the provider").isEqualTo("voided");
        assertThatThrownBy(() -> payments.card().pay(session)).as("the buyer pays the voided session")
                .hasMessageContaining("session_not_open");
        payments.approveAtPayPal(order); // the buyer, late: PayPal tells us, and we capture nothing
        payments.awaitPayPalWebhook(order, "CHECKOUT.ORDER.APPROVED");
        payments.awaitQueueDrained();
        assertThat(payments.payment(paypal.get("id").asText(), frank).get("status").asText()).isEqualTo("FAILED");
        assertThat(payments.paypalOrder(order).captureId()).as("nothing captured at PayPal").isNull();
    }

    /**
     * An order the organiser refunded in part before the cancel: the cancellation refunds what is left of it (the
     * provider would refuse the whole amount again), once; the payment ends REFUNDED with all of its money back.
     */
    @Test
    void anOrderPartlyRefundedBeforeTheCancelHasTheRestRefunded() {
        String event = api.createEvent(3, 4);
        String gina = api.newUser("gina");
        JsonNode paid = payments.sellWithPayPal(payments.hold(event, gina, "3-1", "3-2"), gina);
        String admin = api.admin();
        String first = payments.tickets(gina, paid.get("holdId").asText()).get(0).get("id").asText();
        Api.Response partly = api.post("/payments/" + paid.get("id").asText() + "/refund", admin,
                Map.of("ticketIds", List.of(first)));
        assertThat(partly.status()).as(partly.toString()).isEqualTo(200);

        assertThat(api.post("/events/" + event + "/cancel", admin, Map.of("reason", "Flood")).status()).isEqualTo(202);
        JsonNode done = awaitFinished(event);

        assertThat(done.get("failures")).as(done.toString()).isEmpty();
        assertThat(done.get("refunded").asInt()).isEqualTo(1);
        JsonNode refunded = payments.awaitStatus(paid.get("id").asText(), gina, "REFUNDED");
        assertThat(new java.math.BigDecimal(refunded.get("refundedAmount").asText()))
                .isEqualByComparingTo(new java.math.BigDecimal(paid.get("amount").asText()));
        assertThat(payments.refundsAtPayPal(paid)).as("the part, then the rest").isEqualTo(2);
        assertThat(payments.tickets(gina, paid.get("holdId").asText()))
                .allSatisfy(ticket -> assertThat(ticket.get("status").asText()).isEqualTo("CANCELLED"));
    }

    @Test
    void aCancelWhileBuyersHoldAndPayRefundsEverySaleExactlyOnce() throws Exception {
        String event = api.createEvent(6, 5);
        String admin = api.admin();
        int buyers = 30;
        ConcurrentLinkedQueue<String[]> started = new ConcurrentLinkedQueue<>();
        CountDownLatch halfway = new CountDownLatch(buyers / 3);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        for (int i = 0; i < buyers; i++) {
            String seat = (i / 5 + 1) + "-" + (i % 5 + 1);
            String buyer = api.newUser("buyer" + i);
            pool.submit(() -> {
                try {
                    Api.Response held = api.hold(event, buyer, seat);
                    if (held.status() != 201) {
                        return;
                    }
                    Api.Response paying = payments.pay(held.json().get("id").asText(), buyer, "PAYPAL");
                    if (paying.status() != 201) {
                        return;
                    }
                    started.add(new String[] {paying.json().get("id").asText(), buyer,
                            paying.json().get("providerOrderId").asText()});
                    payments.approveAtPayPal(paying.json().get("providerOrderId").asText());
                } finally {
                    halfway.countDown();
                }
            });
        }
        assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
        Api.Response cancelled = api.post("/events/" + event + "/cancel", admin, Map.of("reason", "Storm warning"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        JsonNode done = awaitFinished(event);
        List<String> refundedIds = new ArrayList<>();
        for (String[] payment : started) {
            await().atMost(PaymentsApi.DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
                String status = payments.payment(payment[0], payment[1]).get("status").asText();
                return status.equals("REFUNDED") || status.equals("FAILED");
            });
            JsonNode end = payments.payment(payment[0], payment[1]);
            boolean captured = !end.path("captureId").isMissingNode() && !end.path("captureId").isNull();
            if (end.get("status").asText().equals("REFUNDED")) {
                refundedIds.add(payment[0]);
            }
            if (captured) {
                assertThat(payments.refundsAtPayPal(end)).as("refunds of payment " + payment[0]).isEqualTo(1);
            }
        }
        assertThat(done.get("refunded").asInt()).as(done.toString()).isEqualTo(refundedIds.size());
        assertThat(done.get("tickets").asInt()).isEqualTo(refundedIds.size());
        assertThat(done.get("pending").asInt()).isZero();
    }

    private JsonNode awaitFinished(String event) {
        return api.awaitCancellationFinished(event, Duration.ofSeconds(60));
    }
}
