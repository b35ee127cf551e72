package dev.ticketing.payments;

import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.provider.ProviderOrder;
import java.math.BigDecimal;
import java.util.Optional;

import java.util.List;

/**
 * The payment rules, as pure functions: whether a provider's order and capture belong to a payment, when a buyer may
 * cancel, and the words of a failure. Every decision here is re-checked by the condition of the write that carries it out,
 * so a stale read can only make a write fail, never make a wrong one succeed.
 */
public final class PaymentRules {
    private PaymentRules() {
    }

    /** Why a captured payment was refunded: the event was cancelled before its sale. */
    public static final String EVENT_CANCELLED_REFUNDED = "The event was cancelled; the payment was refunded";

    /** Why an approved payment was not captured: the event was cancelled. */
    public static final String EVENT_CANCELLED_NOT_CAPTURED = "The event was cancelled; nothing was charged";

    /** Why a captured payment was refunded: its sale would have come after the sales ended. */
    public static String salesEndedReason(java.time.Instant salesEnd) {
        return "Sales for this event ended at " + salesEnd + " before the payment completed; the payment was refunded";
    }

    /** Why an approved payment was not captured: the sales ended before the buyer approved. */
    public static String salesEndedNotCapturedReason(java.time.Instant salesEnd) {
        return "Sales for this event ended at " + salesEnd + " before the payment was approved; nothing was charged";
    }

    /** The buyer may give up only until they approved and we asked for the money. */
    public static boolean buyerMayCancel(Payment payment) {
        return payment.pending() && !payment.captureRequested();
    }

    /** Why a captured payment could not be sold, for the buyer. */
    public static String tooLateReason(HoldStatus storedStatus, boolean expired, List<String> takenSeats) {
        if (!takenSeats.isEmpty()) {
            return "Hold expired and " + seatsWere(takenSeats) + " taken by someone else; the payment was refunded";
        }
        if (storedStatus == HoldStatus.RELEASED) {
            return "The hold was released before the payment completed; the payment was refunded";
        }
        if (storedStatus == HoldStatus.EXPIRED || expired) {
            return "The hold expired before the payment completed; the payment was refunded";
        }
        return "The hold could no longer be sold; the payment was refunded";
    }

    /**
     * What in the provider's order does not belong to this payment, if anything: the order must name this payment
     * (PayPal's {@code custom_id}, the card session's reference) and ask for exactly its amount and currency.
     */
    public static Optional<String> orderMismatch(Payment payment, ProviderOrder order) {
        if (!payment.id().equals(order.paymentReference())) {
            return Optional.of("order " + order.orderId() + " names payment " + order.paymentReference() + ", not this one");
        }
        if (!payment.currency().equals(order.currency()) || order.amount() == null
                || order.amount().compareTo(payment.amount()) != 0) {
            return Optional.of("order " + order.orderId() + " is for " + money(order.amount(), order.currency())
                    + ", the payment is for " + money(payment.amount(), payment.currency()));
        }
        return Optional.empty();
    }

    /** What in a COMPLETED capture does not match the payment, if anything: an id, exactly its amount and currency. */
    public static Optional<String> captureMismatch(Payment payment, ProviderOrder order) {
        if (order.captureId() == null || order.captureId().isBlank()) {
            return Optional.of("order " + order.orderId() + " reports a capture without an id");
        }
        if (!payment.currency().equals(order.captureCurrency()) || order.captureAmount() == null
                || order.captureAmount().compareTo(payment.amount()) != 0) {
            return Optional.of("capture " + order.captureId() + " is for " + money(order.captureAmount(), order.captureCurrency())
                    + ", the payment is for " + money(payment.amount(), payment.currency()));
        }
        return Optional.empty();
    }

    /** Why an approved payment was not captured: the seats were no longer the buyer's. Nothing was charged. */
    public static String notCapturedReason(RenewHold.Secured secured) {
        if (secured.salesClosed() != null) {
            return secured.salesClosed();
        }
        if (!secured.takenSeats().isEmpty()) {
            return "Hold expired and " + seatsWere(secured.takenSeats())
                    + " taken by someone else before the payment was approved; nothing was charged";
        }
        if (secured.otherPayment() || secured.storedStatus() == HoldStatus.PAID) {
            return "The hold is being paid by another payment; nothing was charged";
        }
        if (secured.storedStatus() == HoldStatus.RELEASED) {
            return "The hold was released before the payment was approved; nothing was charged";
        }
        return "The hold expired before the payment was approved; nothing was charged";
    }

    /** The failure code for {@link #notCapturedReason}. */
    public static PaymentFailure notCapturedFailure(RenewHold.Secured secured) {
        if (secured.salesClosed() != null) {
            return PaymentFailure.SALES_CLOSED;
        }
        if (!secured.takenSeats().isEmpty()) {
            return PaymentFailure.SEATS_LOST;
        }
        return secured.storedStatus() == HoldStatus.RELEASED ? PaymentFailure.CANCELLED : PaymentFailure.EXPIRED;
    }

    /** Why a hold and its payment ended together: nobody approved before the hold (with its grace) ran out. */
    public static String expiredUnpaidReason(String providerName) {
        return "The hold expired before the payment was approved at " + providerName + "; nothing was charged";
    }

    /** Why an approved payment ended when the provider voided (or let expire) its order before our capture took. */
    public static String voidedBeforeCaptureReason(String providerName, String orderId) {
        return providerName + " voided order " + orderId + " before its capture; nothing was charged";
    }

    /**
     * Why a payment whose capture we asked for ended {@link PaymentFailure#UNCONFIRMED} once its hold was over:
     * {@code order} is what the provider reports now (empty: it does not know the order).
     */
    public static String unconfirmedReason(String providerName, String orderId, Optional<ProviderOrder> order) {
        if (order.isEmpty()) {
            return providerName + " does not know order " + orderId + " although its capture was requested: nothing "
                    + "was charged, and the hold ran out";
        }
        return providerName + " had not confirmed the capture of order " + orderId + " when the hold ran out: nothing "
                + "was sold, and money that still comes in is refunded";
    }

    /** {@code seat 3-4 was} or {@code seats 3-4, 3-5 were}. */
    private static String seatsWere(List<String> seats) {
        return seats.size() == 1 ? "seat " + seats.get(0) + " was" : "seats " + String.join(", ", seats) + " were";
    }

    private static String money(BigDecimal amount, String currency) {
        return (amount == null ? "?" : amount.toPlainString()) + " " + currency;
    }

    public static String cancelledReason(String providerName, boolean atProvider) {
        return atProvider ? "The checkout was cancelled at " + providerName : "Cancelled by the buyer";
    }

    public static String declinedReason(String providerName) {
        return providerName + " declined the payment";
    }

    public static String providerErrorReason(String providerName) {
        return providerName + " could not start the checkout; nothing was charged";
    }
}
