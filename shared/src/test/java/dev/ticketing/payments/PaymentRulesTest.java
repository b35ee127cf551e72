package dev.ticketing.payments;

import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.CheckoutState;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.provider.ProviderOrder;
import static dev.ticketing.payments.model.PaymentStatus.FAILED;
import static dev.ticketing.payments.model.PaymentStatus.PENDING;
import static dev.ticketing.payments.model.PaymentStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {
    @Test
    void aSaleRestsOnlyOnACaptureOfExactlyThePaymentsAmountAndCurrencyForThisPayment() {
        Payment payment = payment(PENDING, Instant.EPOCH);
        assertThat(PaymentRules.orderMismatch(payment, order("p1", "40.00", "EUR", "C1", "40.00", "EUR"))).isEmpty();
        assertThat(PaymentRules.captureMismatch(payment, order("p1", "40.00", "EUR", "C1", "40.00", "EUR"))).isEmpty();

        assertThat(PaymentRules.orderMismatch(payment, order("p2", "40.00", "EUR", "C1", "40.00", "EUR")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("names payment p2"));
        assertThat(PaymentRules.orderMismatch(payment, order("p1", "0.01", "EUR", "C1", "0.01", "EUR")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("0.01 EUR").contains("40.00 EUR"));
        assertThat(PaymentRules.orderMismatch(payment, order("p1", "40.00", "USD", "C1", "40.00", "USD"))).isPresent();
        assertThat(PaymentRules.captureMismatch(payment, order("p1", "40.00", "EUR", "C1", "0.01", "EUR"))).isPresent();
        assertThat(PaymentRules.captureMismatch(payment, order("p1", "40.00", "EUR", "C1", "40.00", "USD"))).isPresent();
        assertThat(PaymentRules.captureMismatch(payment, order("p1", "40.00", "EUR", null, "40.00", "EUR")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("without an id"));
        assertThat(PaymentRules.captureMismatch(payment, order("p1", "40.00", "EUR", "C1", "40", "EUR")))
                .as("the same amount written with other decimals").isEmpty();
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

    private static ProviderOrder order(String reference, String amount, String currency, String captureId,
                                       String captureAmount, String captureCurrency) {
        return new ProviderOrder("O1", CheckoutState.COMPLETED, reference, new BigDecimal(amount), currency, captureId,
                ProviderOrder.CaptureStatus.COMPLETED, new BigDecimal(captureAmount), captureCurrency, BigDecimal.ZERO);
    }

    private static Payment payment(PaymentStatus status, Instant captureRequestedAt) {
        return new Payment("p1", "h1", "e1", "u1", PaymentProvider.PAYPAL, new BigDecimal("40.00"), "EUR", status, "O1",
                null, null, null, null, null, captureRequestedAt, Instant.EPOCH, Instant.EPOCH, null, null,
                null, null);
    }
}
