package dev.ticketing.payments.provider.card;

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
import java.util.TreeMap;

/**
 * The {@code OTHER} provider: a generic hosted card checkout (session, hosted page, authorize then capture,
 * refunds) whose webhooks are signed with HMAC-SHA256 ({@link CheckoutSignature}). Verification is local, so a
 * webhook is never refused for want of the provider.
 */
public final class CardCheckoutGateway implements PaymentGateway {
    private final CardCheckoutClient client;
    private final CheckoutSignature signature;

    public CardCheckoutGateway(CardCheckoutClient client, CheckoutSignature signature) {
        this.client = client;
        this.signature = signature;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.OTHER;
    }

    @Override
    public String displayName() {
        return "Card (hosted checkout)";
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        try {
            CardSession session = client.createSession("checkout-" + request.paymentId(), request.amount(),
                    request.currency(), request.paymentId(), request.holdId(), request.returnUrl(), request.cancelUrl());
            if (session.id() == null || session.url() == null) {
                throw new PaymentProviderException("the card checkout created a session without an id or url", false, null, null);
            }
            return new CheckoutSession(session.id(), session.url());
        } catch (CardCheckoutException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<ProviderOrder> order(String orderId) {
        CardSession session;
        try {
            session = client.getSession(orderId);
        } catch (CardCheckoutException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw translate(e);
        } catch (IllegalArgumentException notACardId) {
            return Optional.empty();
        }
        ProviderOrder.CaptureStatus capture;
        if (session.chargeId() == null) {
            capture = ProviderOrder.CaptureStatus.NONE;
        } else if ("failed".equals(session.chargeStatus())) {
            capture = ProviderOrder.CaptureStatus.DECLINED;
        } else if (!"succeeded".equals(session.chargeStatus())) {
            capture = ProviderOrder.CaptureStatus.PENDING;
        } else if (session.amountRefunded().signum() == 0) {
            capture = ProviderOrder.CaptureStatus.COMPLETED;
        } else {
            capture = session.amount() != null && session.amountRefunded().compareTo(session.amount()) >= 0
                    ? ProviderOrder.CaptureStatus.REFUNDED : ProviderOrder.CaptureStatus.PARTIALLY_REFUNDED;
        }
        // a card session is charged in one piece: the charge is the session's amount
        return Optional.of(new ProviderOrder(session.id(), stateOf(session.status()), session.reference(), session.amount(),
                session.currency(), session.chargeId(), capture,
                capture == ProviderOrder.CaptureStatus.NONE ? null : session.amount(),
                capture == ProviderOrder.CaptureStatus.NONE ? null : session.currency(), session.amountRefunded()));
    }

    @Override
    public Set<String> currencies() {
        return CardCheckoutClient.CURRENCIES;
    }

    @Override
    public Optional<String> unchargeable(BigDecimal amount, String currency) {
        try {
            CardCheckoutClient.money(amount, currency);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("The card checkout cannot charge " + amount.toPlainString() + " " + currency + ": "
                    + e.getMessage());
        }
    }

    static CheckoutState stateOf(String status) {
        if (status == null) {
            return CheckoutState.AWAITING_BUYER;
        }
        return switch (status) {
            case CardSession.AUTHORIZED -> CheckoutState.APPROVED;
            case CardSession.COMPLETE -> CheckoutState.COMPLETED;
            case CardSession.CANCELLED, CardSession.EXPIRED, CardSession.VOIDED -> CheckoutState.CANCELLED;
            default -> CheckoutState.AWAITING_BUYER;
        };
    }

    @Override
    public CaptureOutcome capture(String orderId, String requestId) {
        try {
            CardSession session = client.capture(orderId, requestId);
            CaptureOutcome.Status status = switch (session.chargeStatus() == null ? "" : session.chargeStatus()) {
                case "succeeded" -> CaptureOutcome.Status.COMPLETED;
                case "failed" -> CaptureOutcome.Status.DECLINED;
                default -> CaptureOutcome.Status.PENDING;
            };
            return new CaptureOutcome(session.chargeId(), status);
        } catch (CardCheckoutException e) {
            throw translate(e);
        }
    }

    /**
     * {@code POST /v1/checkout/sessions/{id}/void} with the caller's {@code Idempotency-Key}: an authorized session's
     * hold on the card is voided, an open one can no longer be paid. A captured session is {@link ReleaseOutcome#CAPTURED}
     * (refund it), an unknown one {@link ReleaseOutcome#UNKNOWN_ORDER}.
     */
    @Override
    public ReleaseOutcome release(String orderId, String requestId) {
        try {
            client.voidSession(orderId, requestId);
            return ReleaseOutcome.VOIDED;
        } catch (CardCheckoutException e) {
            if (e.status() == 404) {
                return ReleaseOutcome.UNKNOWN_ORDER;
            }
            if ("session_already_captured".equals(e.code())) {
                return ReleaseOutcome.CAPTURED;
            }
            throw translate(e);
        } catch (IllegalArgumentException notACardId) {
            return ReleaseOutcome.UNKNOWN_ORDER;
        }
    }

    @Override
    public RefundOutcome refund(String captureId, BigDecimal amount, String currency, String requestId) {
        try {
            CardRefund refund = client.refund(captureId, amount, currency, requestId);
            return new RefundOutcome(refund.id(), refund.succeeded());
        } catch (CardCheckoutException e) {
            if ("charge_already_refunded".equals(e.code())) {
                return new RefundOutcome(null, true);
            }
            throw translate(e);
        }
    }

    @Override
    public PaymentEvent verifyWebhook(Map<String, String> headers, String body) {
        Map<String, String> lookup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lookup.put(name, value);
                }
            });
        }
        CheckoutSignature.Verdict verdict = signature.verify(lookup.get(CheckoutSignature.HEADER), body);
        if (!verdict.valid()) {
            throw WebhookRejectedException.unsigned("The webhook's " + CheckoutSignature.HEADER + " is not valid ("
                    + verdict.name().toLowerCase().replace('_', ' ') + ")");
        }
        try {
            return parseEvent(body);
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.malformed("The body is not a card checkout event");
        }
    }

    @Override
    public PaymentEvent parseEvent(String body) {
        CardWebhookEvent event = CardWebhookEvent.parse(body);
        return new PaymentEvent(PaymentProvider.OTHER, event.id(), typeOf(event.type()), event.type(), event.sessionId(),
                event.chargeId(), event.reference());
    }

    static PaymentEvent.Type typeOf(String type) {
        return switch (type) {
            case CardWebhookEvent.SESSION_AUTHORIZED -> PaymentEvent.Type.APPROVED;
            case CardWebhookEvent.CHARGE_CAPTURED -> PaymentEvent.Type.CAPTURE_COMPLETED;
            case CardWebhookEvent.CHARGE_FAILED -> PaymentEvent.Type.CAPTURE_DENIED;
            case CardWebhookEvent.SESSION_CANCELLED, CardWebhookEvent.SESSION_EXPIRED -> PaymentEvent.Type.CANCELLED;
            case CardWebhookEvent.CHARGE_REFUNDED -> PaymentEvent.Type.REFUNDED;
            default -> PaymentEvent.Type.IGNORED;
        };
    }

    private static PaymentProviderException translate(CardCheckoutException e) {
        return new PaymentProviderException(e.getMessage(), e.retryable(), e.code(), e);
    }
}
