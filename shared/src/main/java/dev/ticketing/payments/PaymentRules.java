package dev.ticketing.payments;

import dev.ticketing.holds.HoldStatus;
import dev.ticketing.payments.gateway.PaymentEvent;
import java.util.List;

/**
 * The payment state rules, as pure functions: what a provider event means for a payment in a given state, and
 * the words of a failure. Every decision here is re-checked by the condition of the write that carries it out,
 * so a stale read can only make a write fail, never make a wrong one succeed.
 */
public final class PaymentRules {
    /** What to do with an event. */
    public enum Action {
        /** Take the money of the approved order (again is harmless: same request id). */
        CAPTURE,
        /** The money moved: sell the hold, or refund when it can no longer be sold. */
        SELL,
        /** The money moved for a payment that has already failed: give it back. */
        REFUND,
        /** The provider declined: the payment fails and the hold may be paid again. */
        FAIL_DECLINED,
        /** The buyer gave up at the provider: the payment fails and the hold may be paid again. */
        FAIL_CANCELLED,
        /** Nothing (left) to do: a repeat, a late or an informational event. */
        ACKNOWLEDGE
    }

    private PaymentRules() {
    }

    public static Action onEvent(PaymentEvent.Type type, PaymentStatus status, boolean captureRequested) {
        return switch (type) {
            case APPROVED -> status == PaymentStatus.PENDING ? Action.CAPTURE : Action.ACKNOWLEDGE;
            case CAPTURE_COMPLETED -> switch (status) {
                case PENDING -> Action.SELL;
                case SUCCESS -> Action.ACKNOWLEDGE;
                case FAILED -> Action.REFUND;
            };
            case CAPTURE_DENIED -> status == PaymentStatus.PENDING ? Action.FAIL_DECLINED : Action.ACKNOWLEDGE;
            case CANCELLED -> status == PaymentStatus.PENDING && !captureRequested ? Action.FAIL_CANCELLED : Action.ACKNOWLEDGE;
            case REFUNDED, IGNORED -> Action.ACKNOWLEDGE;
        };
    }

    /** The buyer may give up only until they approved and we asked for the money. */
    public static boolean buyerMayCancel(Payment payment) {
        return payment.pending() && !payment.captureRequested();
    }

    /** Why a captured payment could not be sold, for the buyer. */
    public static String tooLateReason(HoldStatus storedStatus, boolean expired, List<String> takenSeats) {
        if (!takenSeats.isEmpty()) {
            String seats = takenSeats.size() == 1
                    ? "seat " + takenSeats.get(0) + " was"
                    : "seats " + String.join(", ", takenSeats) + " were";
            return "Hold expired and " + seats + " taken by someone else; the payment was refunded";
        }
        if (storedStatus == HoldStatus.RELEASED) {
            return "The hold was released before the payment completed; the payment was refunded";
        }
        if (storedStatus == HoldStatus.EXPIRED || expired) {
            return "The hold expired before the payment completed; the payment was refunded";
        }
        return "The hold could no longer be sold; the payment was refunded";
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
