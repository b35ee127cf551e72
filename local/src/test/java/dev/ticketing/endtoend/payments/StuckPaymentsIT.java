package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.config.PaymentTiming;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.payments.model.ReconcileReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * No payment stays PENDING for good, whatever the provider answers after its capture was asked for: an order PayPal
 * no longer knows (what a crash of the mock left behind), an order PayPal voided, a capture PayPal keeps pending.
 * Each ends at the first reconciliation once its hold (with its payment grace) is over, FAILED with a reason, and
 * money that comes in later is refunded.
 */
class StuckPaymentsIT {
    /** From the start of a payment: the hold's duration plus the payment grace. */
    private static final Duration HOLD_WITH_GRACE = Duration.ofMinutes(10).plus(PaymentTiming.DEFAULTS.paymentGrace());
    private static final Duration RECONCILE_AFTER = PaymentTiming.DEFAULTS.reconcileAfter();

    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void anOrderPayPalForgotAfterItsCaptureWasRequestedEndsFailedOnceTheHoldIsOver() {
        Stuck stuck = captureRequestedButNotMade(startPayPal("1-1", "1-2"));
        String alice = stuck.buyer;
        payments.paypal().forget(stuck.orderId);

        payments.reconcile();
        assertThat(payments.payment(stuck.paymentId, alice).get("status").asText()).as("the hold is not over yet")
                .isEqualTo("PENDING");

        TestStack.clock().advance(HOLD_WITH_GRACE.minus(RECONCILE_AFTER));
        payments.reconcile();

        JsonNode failed = payments.payment(stuck.paymentId, alice);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("UNCONFIRMED");
        assertThat(failed.get("failureReason").asText()).isEqualTo("PayPal does not know order " + stuck.orderId
                + " although its capture was requested: nothing was charged, and the hold ran out");
        assertThat(payments.hold(stuck.holdId, alice).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(payments.tickets(alice, stuck.holdId)).extracting(t -> t.get("status").asText()).containsOnly("CANCELLED");
        assertThat(api.seatStatuses(stuck.eventId, api.newUser("bob"))).containsEntry("1-1", "AVAILABLE").containsEntry("1-2", "AVAILABLE");
        TestStack.clock().advance(RECONCILE_AFTER.plusSeconds(1));
        assertThat(payments.reconcile().stillPending()).as("nothing left pending").isZero();
    }

    @Test
    void anOrderPayPalVoidedAfterItsCaptureWasRequestedEndsFailedAtOnce() {
        Stuck stuck = captureRequestedButNotMade(startPayPal("2-1"));
        String alice = stuck.buyer;
        payments.paypal().voidOrder(stuck.orderId);

        payments.reconcile();

        JsonNode failed = payments.payment(stuck.paymentId, alice);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("CANCELLED");
        assertThat(failed.get("failureReason").asText())
                .isEqualTo("PayPal voided order " + stuck.orderId + " before its capture; nothing was charged");
        assertThat(payments.paypalOrder(stuck.orderId).captureId()).as("nothing captured").isNull();
        // the hold still has time: it is free for another payment
        assertThat(payments.pay(stuck.holdId, alice, "OTHER").status()).isEqualTo(201);
    }

    @Test
    void aCaptureThatStaysPendingEndsThePaymentOnceTheHoldIsOverAndIsRefundedIfItCompletesLater() {
        Stuck stuck = startPayPal("3-1");
        String alice = stuck.buyer;
        String paymentId = stuck.paymentId;
        String orderId = stuck.orderId;
        payments.approveWithCaptureInReview(orderId);
        assertThat(payments.paypalOrder(orderId).captureStatus()).isEqualTo("PENDING");
        assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("PENDING");

        TestStack.clock().advance(HOLD_WITH_GRACE.plusSeconds(1));
        payments.reconcile();

        JsonNode failed = payments.payment(paymentId, alice);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("UNCONFIRMED");
        assertThat(failed.get("failureReason").asText()).isEqualTo("PayPal had not confirmed the capture of order "
                + orderId + " when the hold ran out: nothing was sold, and money that still comes in is refunded");
        assertThat(api.seatStatuses(stuck.eventId, api.newUser("bob"))).containsEntry("3-1", "AVAILABLE");

        // PayPal's review ends after all: the money goes back
        payments.paypal().completeCapture(orderId);
        await().atMost(PaymentsApi.DEADLINE).until(() -> payments.payment(paymentId, alice).hasNonNull("refundId"));
        assertThat(payments.paypalOrder(orderId).captureStatus()).isEqualTo("REFUNDED");
        assertThat(payments.payment(paymentId, alice).get("status").asText()).isEqualTo("FAILED");
    }

    private record Stuck(String eventId, String buyer, String holdId, String paymentId, String orderId) {
    }

    /** A new buyer's hold of {@code seats} in a new event, and its PayPal payment started. */
    private Stuck startPayPal(String... seats) {
        String event = api.createEvent(4, 6);
        String buyer = api.newUser("alice");
        String holdId = payments.hold(event, buyer, seats);
        JsonNode started = payments.startPayPal(holdId, buyer);
        return new Stuck(event, buyer, holdId, started.get("id").asText(), started.get("providerOrderId").asText());
    }

    /**
     * The payment approved, and its capture asked for by reconciliation while PayPal failed (its webhooks lost):
     * PENDING with the capture requested and nothing captured, {@code RECONCILE_AFTER} after its start.
     */
    private Stuck captureRequestedButNotMade(Stuck stuck) {
        String paymentId = stuck.paymentId;
        String orderId = stuck.orderId;
        String buyer = stuck.buyer;
        payments.paypal().dropWebhooks(true);
        payments.paypal().failCaptures(true);
        try {
            payments.approveAtPayPal(orderId);
            TestStack.clock().advance(RECONCILE_AFTER.plusSeconds(1));
            ReconcileReport report = payments.reconcile();
            assertThat(report.errors()).as(report.toString()).isPositive();
        } finally {
            payments.paypal().failCaptures(false);
            payments.paypal().dropWebhooks(false);
        }
        assertThat(api.post("/payments/" + paymentId + "/cancel", buyer, null).status())
                .as("the capture was requested").isEqualTo(409);
        assertThat(payments.paypalOrder(orderId).captureId()).isNull();
        return stuck;
    }
}
