package dev.ticketing.payments;

import dev.ticketing.payments.gateway.PaymentProvider;
import static dev.ticketing.payments.PaymentRules.Action.ACKNOWLEDGE;
import static dev.ticketing.payments.PaymentRules.Action.CAPTURE;
import static dev.ticketing.payments.PaymentRules.Action.FAIL_CANCELLED;
import static dev.ticketing.payments.PaymentRules.Action.FAIL_DECLINED;
import static dev.ticketing.payments.PaymentRules.Action.REFUND;
import static dev.ticketing.payments.PaymentRules.Action.SELL;
import static dev.ticketing.payments.PaymentStatus.FAILED;
import static dev.ticketing.payments.PaymentStatus.PENDING;
import static dev.ticketing.payments.PaymentStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.holds.HoldStatus;
import dev.ticketing.payments.gateway.PaymentEvent.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {
    @Test
    void anApprovalCapturesOnlyAPendingPaymentAndAgainIfTheCaptureMayHaveBeenCutShort() {
        assertThat(PaymentRules.onEvent(Type.APPROVED, PENDING, false)).isEqualTo(CAPTURE);
        assertThat(PaymentRules.onEvent(Type.APPROVED, PENDING, true)).as("same request id: harmless").isEqualTo(CAPTURE);
        assertThat(PaymentRules.onEvent(Type.APPROVED, SUCCESS, true)).isEqualTo(ACKNOWLEDGE);
        assertThat(PaymentRules.onEvent(Type.APPROVED, FAILED, false)).as("cancelled: never captured").isEqualTo(ACKNOWLEDGE);
    }

    @Test
    void aCompletedCaptureSellsOnceAndIsGivenBackToAFailedPayment() {
        assertThat(PaymentRules.onEvent(Type.CAPTURE_COMPLETED, PENDING, false)).as("before the approval").isEqualTo(SELL);
        assertThat(PaymentRules.onEvent(Type.CAPTURE_COMPLETED, PENDING, true)).isEqualTo(SELL);
        assertThat(PaymentRules.onEvent(Type.CAPTURE_COMPLETED, SUCCESS, true)).isEqualTo(ACKNOWLEDGE);
        assertThat(PaymentRules.onEvent(Type.CAPTURE_COMPLETED, FAILED, true)).isEqualTo(REFUND);
    }

    @Test
    void declinesAndCancelsEndOnlyAPendingPaymentAndACancelOnlyBeforeTheCapture() {
        assertThat(PaymentRules.onEvent(Type.CAPTURE_DENIED, PENDING, true)).isEqualTo(FAIL_DECLINED);
        assertThat(PaymentRules.onEvent(Type.CAPTURE_DENIED, SUCCESS, true)).isEqualTo(ACKNOWLEDGE);
        assertThat(PaymentRules.onEvent(Type.CANCELLED, PENDING, false)).isEqualTo(FAIL_CANCELLED);
        assertThat(PaymentRules.onEvent(Type.CANCELLED, PENDING, true)).isEqualTo(ACKNOWLEDGE);
        assertThat(PaymentRules.onEvent(Type.CANCELLED, FAILED, false)).isEqualTo(ACKNOWLEDGE);
    }

    @Test
    void informationalEventsChangeNothing() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentRules.onEvent(Type.REFUNDED, status, true)).isEqualTo(ACKNOWLEDGE);
            assertThat(PaymentRules.onEvent(Type.IGNORED, status, false)).isEqualTo(ACKNOWLEDGE);
        }
    }

    @Test
    void theBuyerMayCancelUntilTheCaptureIsAskedFor() {
        assertThat(PaymentRules.buyerMayCancel(payment(PENDING, null))).isTrue();
        assertThat(PaymentRules.buyerMayCancel(payment(PENDING, Instant.EPOCH))).isFalse();
        assertThat(PaymentRules.buyerMayCancel(payment(SUCCESS, Instant.EPOCH))).isFalse();
        assertThat(PaymentRules.buyerMayCancel(payment(FAILED, null))).isFalse();
    }

    @Test
    void saysWhyALatePaymentWasRefunded() {
        assertThat(PaymentRules.tooLateReason(HoldStatus.ACTIVE, true, List.of("3-4")))
                .isEqualTo("Hold expired and seat 3-4 was taken by someone else; the payment was refunded");
        assertThat(PaymentRules.tooLateReason(HoldStatus.EXPIRED, true, List.of("3-4", "3-5")))
                .isEqualTo("Hold expired and seats 3-4, 3-5 were taken by someone else; the payment was refunded");
        assertThat(PaymentRules.tooLateReason(HoldStatus.RELEASED, false, List.of()))
                .isEqualTo("The hold was released before the payment completed; the payment was refunded");
        assertThat(PaymentRules.tooLateReason(HoldStatus.EXPIRED, true, List.of()))
                .isEqualTo("The hold expired before the payment completed; the payment was refunded");
    }

    @Test
    void requestIdsAreDerivedFromThePaymentSoRepeatsAreHarmless() {
        Payment payment = payment(PENDING, null);
        assertThat(payment.captureRequestId()).isEqualTo("capture-p1").isEqualTo(payment(SUCCESS, Instant.EPOCH).captureRequestId());
        assertThat(payment.refundRequestId()).isEqualTo("refund-p1");
    }

    private static Payment payment(PaymentStatus status, Instant captureRequestedAt) {
        return new Payment("p1", "h1", "e1", "u1", PaymentProvider.PAYPAL, new BigDecimal("40.00"), "EUR", status, "O1",
                null, null, null, null, null, captureRequestedAt, Instant.EPOCH, Instant.EPOCH);
    }
}
