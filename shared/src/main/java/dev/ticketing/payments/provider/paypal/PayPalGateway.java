package dev.ticketing.payments.provider.paypal;

import dev.ticketing.payments.provider.CaptureOutcome;
import dev.ticketing.payments.provider.CheckoutRequest;
import dev.ticketing.payments.provider.CheckoutSession;
import dev.ticketing.payments.provider.CheckoutState;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.ProviderOrder;
import dev.ticketing.payments.provider.RefundOutcome;
import dev.ticketing.payments.provider.ReleaseOutcome;
import dev.ticketing.payments.provider.WebhookRejectedException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PayPal Checkout (Orders v2, intent CAPTURE) behind the provider-neutral {@link PaymentGateway}. The order's
 * {@code custom_id} is the payment id and its {@code reference_id} the hold id; {@code PayPal-Request-Id} is the
 * payment id for the order, and the caller's derived ids for capture and refund.
 */
public final class PayPalGateway implements PaymentGateway {
    private final PayPalClient client;

    public PayPalGateway(PayPalClient client) {
        this.client = client;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.PAYPAL;
    }

    @Override
    public String displayName() {
        return "PayPal";
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        try {
            PayPalOrder order = client.createOrder(request.paymentId(), request.holdId(), request.paymentId(),
                    request.amount(), request.currency(), request.returnUrl(), request.cancelUrl());
            if (order.id() == null || order.approveUrl() == null) {
                throw new PaymentProviderException("PayPal created an order without an id or approve link", false, null, null);
            }
            return new CheckoutSession(order.id(), order.approveUrl());
        } catch (PayPalException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<ProviderOrder> order(String orderId) {
        PayPalOrder order;
        try {
            order = client.getOrder(orderId);
        } catch (PayPalException e) {
            if (e.status() == 404 || e.is(PayPalException.RESOURCE_NOT_FOUND)) {
                // PayPal forgets orders nobody approved after a few hours: it can no longer be paid
                return Optional.empty();
            }
            throw translate(e);
        } catch (IllegalArgumentException notAPayPalId) {
            return Optional.empty();
        }
        return Optional.of(new ProviderOrder(order.id(), stateOf(order.status()), order.customId(), order.amount(),
                order.currency(), order.captureId(), captureStatusOf(order.captureStatus()), order.captureAmount(),
                order.captureCurrency(), order.refunded()));
    }

    static ProviderOrder.CaptureStatus captureStatusOf(String status) {
        if (status == null) {
            return ProviderOrder.CaptureStatus.NONE;
        }
        return switch (status) {
            case PayPalCapture.COMPLETED -> ProviderOrder.CaptureStatus.COMPLETED;
            case "PARTIALLY_REFUNDED" -> ProviderOrder.CaptureStatus.PARTIALLY_REFUNDED;
            case "REFUNDED" -> ProviderOrder.CaptureStatus.REFUNDED;
            case PayPalCapture.DECLINED, "FAILED" -> ProviderOrder.CaptureStatus.DECLINED;
            default -> ProviderOrder.CaptureStatus.PENDING;
        };
    }

    @Override
    public Set<String> currencies() {
        return PayPalMoney.CURRENCIES;
    }

    @Override
    public Optional<String> unchargeable(BigDecimal amount, String currency) {
        try {
            PayPalMoney.format(amount, currency);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("PayPal cannot charge " + amount.toPlainString() + " " + currency + ": " + e.getMessage()
                    + (decimalsKnown(currency) ? " (PayPal takes " + PayPalMoney.decimals(currency) + " decimals for "
                    + currency + ")" : ""));
        }
    }

    private static boolean decimalsKnown(String currency) {
        try {
            PayPalMoney.decimals(currency);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static CheckoutState stateOf(String status) {
        if (status == null) {
            return CheckoutState.AWAITING_BUYER;
        }
        return switch (status) {
            case PayPalOrder.APPROVED -> CheckoutState.APPROVED;
            case PayPalOrder.COMPLETED -> CheckoutState.COMPLETED;
            case PayPalOrder.VOIDED -> CheckoutState.CANCELLED;
            default -> CheckoutState.AWAITING_BUYER;
        };
    }

    @Override
    public CaptureOutcome capture(String orderId, String requestId) {
        try {
            PayPalCapture capture = client.captureOrder(orderId, requestId);
            return new CaptureOutcome(capture.captureId(), captureStatus(capture.status()));
        } catch (PayPalException e) {
            if (e.isOrderAlreadyCaptured()) {
                // captured before (by us with another request id, or the request id's window passed): the same money
                try {
                    PayPalOrder order = client.getOrder(orderId);
                    return new CaptureOutcome(order.captureId(), CaptureOutcome.Status.COMPLETED);
                } catch (PayPalException again) {
                    throw translate(again);
                }
            }
            throw translate(e);
        }
    }

    /**
     * Nothing to call: orders here have intent CAPTURE, and approving one reserves no money at PayPal (no
     * authorization exists; the money moves only at capture, which a released order never gets). PayPal's Orders v2
     * has no void for such an order (voiding is for intent AUTHORIZE: POST /v2/payments/authorizations/{id}/void):
     * PayPal lets it lapse on its own, and shows it VOIDED or forgets it. An approval that still arrives is
     * answered without a capture, since only a PENDING payment is captured.
     */
    @Override
    public ReleaseOutcome release(String orderId, String requestId) {
        return ReleaseOutcome.NOTHING_HELD;
    }

    static CaptureOutcome.Status captureStatus(String status) {
        if (PayPalCapture.COMPLETED.equals(status)) {
            return CaptureOutcome.Status.COMPLETED;
        }
        if (PayPalCapture.DECLINED.equals(status) || "FAILED".equals(status)) {
            return CaptureOutcome.Status.DECLINED;
        }
        return CaptureOutcome.Status.PENDING;
    }

    @Override
    public RefundOutcome refund(String captureId, BigDecimal amount, String currency, String requestId) {
        try {
            PayPalRefund refund = client.refundCapture(captureId, amount, currency, requestId);
            return new RefundOutcome(refund.id(), refund.isCompleted());
        } catch (PayPalException e) {
            if (e.is(PayPalException.CAPTURE_FULLY_REFUNDED)) {
                return new RefundOutcome(null, true);
            }
            throw translate(e);
        }
    }

    @Override
    public PaymentEvent verifyWebhook(Map<String, String> headers, String body) {
        PaymentEvent event;
        try {
            event = parseEvent(body);
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.malformed("The body is not a PayPal webhook event");
        }
        boolean genuine;
        try {
            genuine = client.verifyWebhookSignature(headers, body);
        } catch (PayPalException e) {
            throw new PaymentProviderException("PayPal could not verify the webhook now: " + e.getMessage(), true,
                    e.issue() != null ? e.issue() : e.name(), e);
        }
        if (!genuine) {
            throw WebhookRejectedException.unsigned("The webhook's PayPal signature is missing or not valid");
        }
        return event;
    }

    @Override
    public PaymentEvent parseEvent(String body) {
        PayPalWebhookEvent event = PayPalWebhookEvent.parse(body);
        return new PaymentEvent(PaymentProvider.PAYPAL, event.id(), typeOf(event.eventType()), event.eventType(),
                event.orderId(), event.captureId(), event.customId());
    }

    static PaymentEvent.Type typeOf(String eventType) {
        return switch (eventType) {
            case PayPalWebhookEvent.CHECKOUT_ORDER_APPROVED -> PaymentEvent.Type.APPROVED;
            case PayPalWebhookEvent.PAYMENT_CAPTURE_COMPLETED -> PaymentEvent.Type.CAPTURE_COMPLETED;
            case PayPalWebhookEvent.PAYMENT_CAPTURE_DENIED, "PAYMENT.CAPTURE.DECLINED" -> PaymentEvent.Type.CAPTURE_DENIED;
            case "CHECKOUT.ORDER.VOIDED" -> PaymentEvent.Type.CANCELLED;
            case PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED -> PaymentEvent.Type.REFUNDED;
            case PayPalWebhookEvent.PAYMENT_CAPTURE_REVERSED -> PaymentEvent.Type.REVERSED;
            default -> PaymentEvent.Type.IGNORED;
        };
    }

    private static PaymentProviderException translate(PayPalException e) {
        return new PaymentProviderException(e.getMessage(), e.isRetryable(), e.issue() != null ? e.issue() : e.name(), e);
    }
}
