package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.config.PaymentTiming;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.provider.paypal.PayPalOrder;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An approval that comes after the hold's time (with its payment grace): the seats are secured before any money is
 * taken, so it sells when they are still free and charges nothing when they are gone, whether the sweeper ran
 * before the approval or after it.
 */
class LatePaymentIT {
    /** The hold's end once a payment started: its duration plus the payment grace. */
    private static final Duration HOLD_WITH_GRACE = Duration.ofMinutes(10).plus(PaymentTiming.DEFAULTS.paymentGrace());

    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @ParameterizedTest(name = "sweep before the approval: {0}")
    @ValueSource(booleans = {true, false})
    void aLateApprovalWithTheSeatsStillFreeSellsThemAndRefundsNothing(boolean sweepFirst) {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "4-5", "4-6");
        JsonNode started = payments.startPayPal(holdId, alice);
        String orderId = started.get("providerOrderId").asText();

        TestStack.clock().advance(HOLD_WITH_GRACE.plusSeconds(5));
        if (sweepFirst) {
            payments.sweep();
        }
        payments.approveAtPayPal(orderId);
        JsonNode sold = payments.awaitStatus(started.get("id").asText(), alice, "SUCCESS");
        if (!sweepFirst) {
            payments.sweep();
        }

        assertThat(sold.path("refundId").isMissingNode() || sold.path("refundId").isNull()).as("no refund").isTrue();
        assertThat(payments.paypalWebhooks(orderId, sold.get("captureId").asText(), PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED))
                .as("nothing refunded").isEmpty();
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("PAID");
        assertThat(api.seatStatuses(event, api.newUser("bob"))).containsEntry("4-5", "SOLD").containsEntry("4-6", "SOLD");
        assertThat(payments.tickets(alice, holdId)).extracting(t -> t.get("status").asText()).containsOnly("PAID");
    }

    @ParameterizedTest(name = "sweep before the approval: {0}")
    @ValueSource(booleans = {true, false})
    void aLateApprovalAfterASeatWasTakenFailsAndChargesNothing(boolean sweepFirst) {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String aliceHold = payments.hold(event, alice, "3-3", "3-4");
        JsonNode started = payments.startPayPal(aliceHold, alice);
        String orderId = started.get("providerOrderId").asText();

        TestStack.clock().advance(HOLD_WITH_GRACE.plusSeconds(1));
        String bob = api.newUser("bob");
        String bobHold = payments.hold(event, bob, "3-4");
        if (sweepFirst) {
            payments.sweep();
        }
        payments.approveAtPayPal(orderId);
        JsonNode failed = payments.awaitStatus(started.get("id").asText(), alice, "FAILED");
        if (!sweepFirst) {
            payments.sweep();
        }

        assertThat(failed.get("failureCode").asText()).isEqualTo("SEATS_LOST");
        assertThat(failed.get("failureReason").asText()).isEqualTo(
                "Hold expired and seat 3-4 was taken by someone else before the payment was approved; nothing was charged");
        PayPalOrder atPayPal = payments.paypalOrder(orderId);
        assertThat(atPayPal.status()).as("approved but never captured").isEqualTo(PayPalOrder.APPROVED);
        assertThat(atPayPal.captureId()).isNull();
        // bob's hold untouched, and he can pay for his seat
        assertThat(payments.hold(bobHold, bob).get("status").asText()).isEqualTo("ACTIVE");
        JsonNode bobPayment = payments.startPayPal(bobHold, bob);
        payments.approveAtPayPal(bobPayment.get("providerOrderId").asText());
        payments.awaitStatus(bobPayment.get("id").asText(), bob, "SUCCESS");
        // alice's hold is EXPIRED with its tickets cancelled once cleanup ran (the sweep above or this one)
        payments.sweep();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(payments.tickets(alice, aliceHold))
                .extracting(t -> t.get("status").asText()).containsOnly("CANCELLED"));
        assertThat(api.seatStatuses(event, api.newUser("carol"))).containsEntry("3-4", "SOLD").containsEntry("3-3", "AVAILABLE");
    }

    @Test
    void anApprovalAfterTheHoldWasReleasedChargesNothing() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "2-2");
        JsonNode started = payments.startPayPal(holdId, alice);
        String orderId = started.get("providerOrderId").asText();

        assertThat(api.delete("/holds/" + holdId, alice).status()).isEqualTo(204);
        payments.approveAtPayPal(orderId);

        JsonNode failed = payments.awaitStatus(started.get("id").asText(), alice, "FAILED");
        assertThat(failed.get("failureReason").asText())
                .isEqualTo("The hold was released before the payment was approved; nothing was charged");
        assertThat(payments.paypalOrder(orderId).captureId()).as("nothing captured").isNull();
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("RELEASED");
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "AVAILABLE");
    }

    @Test
    void startingAPaymentGivesTheHoldItsGraceOnce() {
        String event = api.createEvent(4, 6);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-1");
        String before = payments.hold(holdId, alice).get("expiresAt").asText();

        JsonNode first = payments.startPayPal(holdId, alice);
        String extended = payments.hold(holdId, alice).get("expiresAt").asText();
        assertThat(java.time.Instant.parse(extended))
                .isEqualTo(java.time.Instant.parse(before).plus(PaymentTiming.DEFAULTS.paymentGrace()));

        api.post("/payments/" + first.get("id").asText() + "/cancel", alice, null);
        payments.startPayPal(holdId, alice);
        assertThat(payments.hold(holdId, alice).get("expiresAt").asText()).as("not renewed by a new payment").isEqualTo(extended);
    }
}
