package dev.ticketing.testing;

import dev.ticketing.payments.provider.CaptureOutcome;
import dev.ticketing.payments.provider.CheckoutRequest;
import dev.ticketing.payments.provider.CheckoutSession;
import dev.ticketing.payments.provider.CheckoutState;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.ProviderOrder;
import dev.ticketing.payments.provider.ProviderOrder.CaptureStatus;
import dev.ticketing.payments.provider.RefundOutcome;
import dev.ticketing.payments.provider.ReleaseOutcome;
import dev.ticketing.payments.provider.paypal.PayPalMoney;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A payment provider in memory (posing as PayPal, the one provider a data-layer test offers), for the beans of a {@link DataLayer}
 * given {@link #gateways()}: it keeps each order as the provider's API would report it, and the test plays the buyer
 * and the provider's back office ({@link #approve}, {@link #voidOrder}, {@link #refundAtProvider}, ...). It records
 * the checkouts asked for and the money moved ({@link #captureRequests()}, {@link #refunds()}); a repeated capture or
 * refund with the same request id moves nothing again, as the real providers promise.
 */
public final class ProviderStandIn implements PaymentGateway {
    private final Map<String, ProviderOrder> orders = new HashMap<>();
    private final List<CheckoutRequest> checkouts = new ArrayList<>();
    private final List<String> captureRequests = new ArrayList<>();
    private final Map<String, RefundOutcome> refunds = new HashMap<>();
    private final List<String> releaseRequests = new ArrayList<>();
    private boolean unreachable;
    private boolean capturesPending;

    /** The gateways bean to give the data layer: this provider alone. */
    public PaymentGateways gateways() {
        return new PaymentGateways(List.of(this));
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.PAYPAL;
    }

    /** Its own name, so that a reason that names the provider shows it was the stand-in. */
    @Override
    public String displayName() {
        return "Stand-in";
    }

    @Override
    public synchronized CheckoutSession createCheckout(CheckoutRequest request) {
        if (unreachable) {
            throw new PaymentProviderException("the provider cannot be reached", true, null, null);
        }
        checkouts.add(request);
        String orderId = orderOf(request.paymentId());
        orders.putIfAbsent(orderId, new ProviderOrder(orderId, CheckoutState.AWAITING_BUYER, request.paymentId(),
                request.amount(), request.currency(), null, CaptureStatus.NONE, null, null, BigDecimal.ZERO));
        return new CheckoutSession(orderId, URI.create("https://provider.example/approve/" + orderId));
    }

    @Override
    public synchronized Optional<ProviderOrder> order(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** As PayPal: the currencies it publishes. */
    @Override
    public Set<String> currencies() {
        return PayPalMoney.CURRENCIES;
    }

    @Override
    public Optional<String> unchargeable(BigDecimal amount, String currency) {
        return Optional.empty();
    }

    /** As PayPal with intent CAPTURE: an approved order reserves no money, so there is nothing to void. */
    @Override
    public synchronized ReleaseOutcome release(String orderId, String requestId) {
        releaseRequests.add(requestId);
        return orders.containsKey(orderId) ? ReleaseOutcome.NOTHING_HELD : ReleaseOutcome.UNKNOWN_ORDER;
    }

    @Override
    public synchronized CaptureOutcome capture(String orderId, String requestId) {
        captureRequests.add(requestId);
        ProviderOrder order = orders.get(orderId);
        if (order == null || order.state() == CheckoutState.AWAITING_BUYER || order.state() == CheckoutState.CANCELLED) {
            throw new PaymentProviderException("order " + orderId + " is not approved", false, "ORDER_NOT_APPROVED", null);
        }
        if (order.state() == CheckoutState.APPROVED) {
            if (capturesPending) {
                change(orderId, o -> withCapture(o, CheckoutState.COMPLETED, CaptureStatus.PENDING));
                return new CaptureOutcome(captureOf(orderId), CaptureOutcome.Status.PENDING);
            }
            change(orderId, o -> withCapture(o, CheckoutState.COMPLETED, CaptureStatus.COMPLETED));
        }
        return new CaptureOutcome(captureOf(orderId), CaptureOutcome.Status.COMPLETED);
    }

    @Override
    public synchronized RefundOutcome refund(String captureId, BigDecimal amount, String currency, String requestId) {
        return refunds.computeIfAbsent(requestId, first -> {
            String orderId = captureId.substring("CAPTURE-".length());
            change(orderId, o -> refunded(o, amount));
            return new RefundOutcome("REFUND-" + requestId, true);
        });
    }

    @Override
    public PaymentEvent verifyWebhook(Map<String, String> headers, String body) {
        throw new UnsupportedOperationException("a data-layer test hands FinalizePayment its events directly");
    }

    @Override
    public PaymentEvent parseEvent(String body) {
        throw new UnsupportedOperationException("a data-layer test hands FinalizePayment its events directly");
    }

    /** The order of a payment's checkout (the same for every checkout of that payment). */
    public static String orderOf(String paymentId) {
        return "ORDER-" + paymentId;
    }

    /** A webhook of this provider about the order of {@code paymentId}, as the payments queue hands it on. */
    public PaymentEvent event(PaymentEvent.Type type, String paymentId) {
        return new PaymentEvent(provider(), type + "-" + paymentId, type, type.name(), orderOf(paymentId), null, paymentId);
    }

    /** The buyer approves the order at the provider. */
    public void approve(String paymentId) {
        change(orderOf(paymentId), o -> withState(o, CheckoutState.APPROVED));
    }

    /** The buyer approves and the provider takes the money by itself (as a capture we asked for earlier would). */
    public void captureAtProvider(String paymentId) {
        change(orderOf(paymentId), o -> withCapture(o, CheckoutState.COMPLETED, CaptureStatus.COMPLETED));
    }

    /** The order is voided at the provider (the buyer gave up there, or it lapsed unapproved). */
    public void voidOrder(String paymentId) {
        change(orderOf(paymentId), o -> withState(o, CheckoutState.CANCELLED));
    }

    /** From now on a capture we ask for is PENDING at first; {@link #completeCapture} finishes it. */
    public synchronized void captureLater() {
        capturesPending = true;
    }

    /** A pending capture completes at the provider. */
    public void completeCapture(String paymentId) {
        change(orderOf(paymentId), o -> withCapture(o, CheckoutState.COMPLETED, CaptureStatus.COMPLETED));
    }

    /** {@code amount} of the captured money goes back at the provider (a refund or a chargeback made there). */
    public void refundAtProvider(String paymentId, BigDecimal amount) {
        change(orderOf(paymentId), o -> refunded(o, amount));
    }

    /** Whether {@link #createCheckout} fails, as when the provider cannot be reached. */
    public synchronized void unreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    /** The checkouts asked for, in order. */
    public synchronized List<CheckoutRequest> checkouts() {
        return List.copyOf(checkouts);
    }

    /** The request id of every capture asked for, in order (a repeat of one id moves the money once). */
    public synchronized List<String> captureRequests() {
        return List.copyOf(captureRequests);
    }

    /** The request id of every release (void) asked for, in order. */
    public synchronized List<String> releaseRequests() {
        return List.copyOf(releaseRequests);
    }

    /** The refunds made, by request id (one per id, however often asked). */
    public synchronized Map<String, RefundOutcome> refunds() {
        return Map.copyOf(refunds);
    }

    private synchronized void change(String orderId, UnaryOperator<ProviderOrder> change) {
        ProviderOrder order = orders.get(orderId);
        if (order == null) {
            throw new IllegalStateException("the provider has no order " + orderId);
        }
        orders.put(orderId, change.apply(order));
    }

    private static String captureOf(String orderId) {
        return "CAPTURE-" + orderId;
    }

    private static ProviderOrder withState(ProviderOrder o, CheckoutState state) {
        return new ProviderOrder(o.orderId(), state, o.paymentReference(), o.amount(), o.currency(), o.captureId(),
                o.captureStatus(), o.captureAmount(), o.captureCurrency(), o.refundedAmount());
    }

    private static ProviderOrder withCapture(ProviderOrder o, CheckoutState state, CaptureStatus status) {
        return new ProviderOrder(o.orderId(), state, o.paymentReference(), o.amount(), o.currency(),
                captureOf(o.orderId()), status, o.amount(), o.currency(), o.refundedAmount());
    }

    private static ProviderOrder refunded(ProviderOrder o, BigDecimal amount) {
        BigDecimal back = o.refundedAmount().add(amount);
        CaptureStatus status = back.compareTo(o.captureAmount()) >= 0 ? CaptureStatus.REFUNDED : CaptureStatus.PARTIALLY_REFUNDED;
        return new ProviderOrder(o.orderId(), o.state(), o.paymentReference(), o.amount(), o.currency(), o.captureId(),
                status, o.captureAmount(), o.captureCurrency(), back);
    }
}
