package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.config.PaymentTiming;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Nothing stays authorized at the provider when a payment ends without a sale: the card checkout's session is voided
 * (the authorization on the buyer's card released, an open session closed so it can no longer be paid) whether the
 * hold was released, a seat was lost, the buyer cancelled here, or reconciliation ended it unapproved; and a void the
 * provider could not make then is made by the next reconciliation. (PayPal's orders, intent CAPTURE, hold no money
 * until captured, and a failed payment is never captured: LatePaymentIT.)
 */
class NothingLeftAuthorizedIT {
    private static final Duration HOLD_WITH_GRACE = Duration.ofMinutes(10).plus(PaymentTiming.DEFAULTS.paymentGrace());

    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void aCardPaymentAuthorizedAfterItsHoldWasReleasedIsVoided() {
        Checkout checkout = startAtTheCard("1-1");
        assertThat(api.delete("/holds/" + checkout.holdId(), checkout.buyer()).status()).isEqualTo(204);

        payments.card().pay(checkout.sessionId());

        JsonNode failed = payments.awaitStatus(checkout.paymentId(), checkout.buyer(), "FAILED");
        assertThat(failed.get("failureReason").asText())
                .isEqualTo("The hold was released before the payment was approved; nothing was charged");
        awaitSession(checkout.sessionId(), "voided");
        assertThat(payments.card().describe(checkout.sessionId())).as("no charge").isEqualTo("voided refunded 0");
    }

    @Test
    void aCardPaymentAuthorizedAfterItsSeatWasTakenIsVoided() {
        Checkout checkout = startAtTheCard("2-2");
        TestStack.clock().advance(HOLD_WITH_GRACE.plusSeconds(1));
        payments.hold(checkout.eventId(), api.newUser("bob"), "2-2");

        payments.card().pay(checkout.sessionId());

        JsonNode failed = payments.awaitStatus(checkout.paymentId(), checkout.buyer(), "FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("SEATS_LOST");
        awaitSession(checkout.sessionId(), "voided");
    }

    @Test
    void aCardCheckoutTheBuyerCancelledHereIsVoidedAndCanNoLongerBePaidThere() {
        Checkout checkout = startAtTheCard("3-3");

        Api.Response cancelled = api.post("/payments/" + checkout.paymentId() + "/cancel", checkout.buyer(), null);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(payments.card().status(checkout.sessionId())).isEqualTo("voided");
        assertThatThrownBy(() -> payments.card().pay(checkout.sessionId())).hasMessageContaining("session_not_open");
    }

    @Test
    void anUnapprovedCardPaymentEndedByReconciliationIsVoided() {
        Checkout checkout = startAtTheCard("4-4");

        TestStack.clock().advance(HOLD_WITH_GRACE.plusSeconds(1));
        payments.reconcile();

        JsonNode failed = payments.payment(checkout.paymentId(), checkout.buyer());
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("EXPIRED");
        assertThat(payments.card().status(checkout.sessionId())).isEqualTo("voided");
    }

    @Test
    void aVoidTheProviderCouldNotMakeThenIsMadeByTheNextReconciliation() {
        Checkout checkout = startAtTheCard("4-1");
        assertThat(api.delete("/holds/" + checkout.holdId(), checkout.buyer()).status()).isEqualTo(204);
        payments.card().failVoids(true);
        try {
            payments.card().pay(checkout.sessionId());
            payments.awaitStatus(checkout.paymentId(), checkout.buyer(), "FAILED");
            payments.awaitQueueDrained();
            assertThat(payments.card().status(checkout.sessionId())).as("the void failed").isEqualTo("authorized");
        } finally {
            payments.card().failVoids(false);
        }

        TestStack.clock().advance(PaymentTiming.DEFAULTS.reconcileAfter().plusSeconds(1));
        payments.reconcile();

        assertThat(payments.card().status(checkout.sessionId())).isEqualTo("voided");
        assertThat(payments.card().describe(checkout.sessionId())).as("never captured").isEqualTo("voided refunded 0");
    }

    private record Checkout(String eventId, String buyer, String holdId, String paymentId, String sessionId) {
    }

    /** A new buyer's hold of {@code seat} in a new event, and its card checkout started. */
    private Checkout startAtTheCard(String seat) {
        String event = api.createEvent(4, 6);
        String buyer = api.newUser("alice");
        String holdId = payments.hold(event, buyer, seat);
        JsonNode started = payments.pay(holdId, buyer, "OTHER").json();
        return new Checkout(event, buyer, holdId, started.get("id").asText(), started.get("providerOrderId").asText());
    }

    private void awaitSession(String sessionId, String status) {
        await().atMost(PaymentsApi.DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(payments.card().status(sessionId)));
    }
}
