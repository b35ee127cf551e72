package dev.ticketing.local.paypal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.payments.provider.paypal.PayPalMoney;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One checkout order with its single purchase unit, its capture and the capture's refunds. Transitions are
 * synchronized on the order, so a buyer approving while the merchant captures sees one consistent order.
 * Each transition answers the JSON PayPal would, rendered after the change.
 */
final class MockOrder {
    enum Status { CREATED, PAYER_ACTION_REQUIRED, APPROVED, COMPLETED, VOIDED }

    private final String id;
    private final String referenceId;
    private final String customId;
    private final BigDecimal amount;
    private final String currency;
    private final URI returnUrl;
    private final URI cancelUrl;
    /** Orders made with {@code payment_source.paypal} start as PAYER_ACTION_REQUIRED with a payer-action link. */
    private final boolean payerActionFlow;
    private final Instant createTime;
    private final URI base;

    private Status status;
    private Instant updateTime;
    private String payerId;
    private Capture capture;
    private final List<Refund> refunds = new ArrayList<>();

    MockOrder(String id, String referenceId, String customId, BigDecimal amount, String currency, URI returnUrl,
              URI cancelUrl, boolean payerActionFlow, Instant now, URI base) {
        this.id = id;
        this.referenceId = referenceId;
        this.customId = customId;
        this.amount = amount;
        this.currency = currency;
        this.returnUrl = returnUrl;
        this.cancelUrl = cancelUrl;
        this.payerActionFlow = payerActionFlow;
        this.createTime = now;
        this.updateTime = now;
        this.base = base;
        this.status = payerActionFlow ? Status.PAYER_ACTION_REQUIRED : Status.CREATED;
    }

    String id() {
        return id;
    }

    URI returnUrl() {
        return returnUrl;
    }

    URI cancelUrl() {
        return cancelUrl;
    }

    synchronized Status status() {
        return status;
    }

    synchronized String payerId() {
        return payerId;
    }

    synchronized String captureId() {
        return capture == null ? null : capture.id;
    }

    /** The buyer approves. Approving again is harmless; a finished order cannot be approved. */
    synchronized Transition approve(Instant now) {
        if (status == Status.APPROVED) {
            return new Transition(MockAnswer.ok(toJson()), false);
        }
        if (!awaitsBuyer()) {
            return new Transition(MockAnswer.unprocessable("ORDER_CANNOT_BE_APPROVED", "The order is " + status + "."), false);
        }
        status = Status.APPROVED;
        payerId = PayPalIds.payer();
        updateTime = now;
        return new Transition(MockAnswer.ok(toJson()), true);
    }

    /** The buyer gives up on PayPal's page. Only an order still waiting for the buyer can be given up. */
    synchronized Transition cancel(Instant now) {
        if (status == Status.VOIDED) {
            return new Transition(MockAnswer.ok(toJson()), false);
        }
        if (!awaitsBuyer()) {
            return new Transition(MockAnswer.unprocessable("ORDER_CANNOT_BE_CANCELLED", "The order is " + status + "."), false);
        }
        status = Status.VOIDED;
        updateTime = now;
        return new Transition(MockAnswer.ok(toJson()), true);
    }

    /**
     * PayPal voids the order on its side (it expired, or its risk checks stopped it): from now on it shows VOIDED and
     * can be neither approved nor captured. A completed order cannot be voided.
     */
    synchronized boolean voidOrder(Instant now) {
        if (status == Status.COMPLETED) {
            return false;
        }
        status = Status.VOIDED;
        updateTime = now;
        return true;
    }

    /**
     * Intent CAPTURE allows one capture, of the whole amount, once the buyer approved; {@code pending}: the capture
     * is held for review (PayPal answers it PENDING and the order COMPLETED) until {@link #completeCapture}.
     */
    synchronized Transition capture(Instant now, boolean pending) {
        if (status == Status.COMPLETED) {
            return new Transition(MockAnswer.unprocessable("ORDER_ALREADY_CAPTURED",
                    "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed."), false);
        }
        if (status != Status.APPROVED) {
            return new Transition(MockAnswer.unprocessable("ORDER_NOT_APPROVED",
                    "Payer has not yet approved the Order for payment."), false);
        }
        capture = new Capture(PayPalIds.capture(), now);
        capture.pending = pending;
        status = Status.COMPLETED;
        updateTime = now;
        return new Transition(MockAnswer.created(toJson()), true);
    }

    /** A refund of {@code requested} (null: all that is left) of the capture. */
    synchronized RefundTransition refund(BigDecimal requested, String requestedCurrency, Instant now) {
        BigDecimal left = amount.subtract(refunded());
        if (left.signum() <= 0) {
            return RefundTransition.refused(MockAnswer.unprocessable("CAPTURE_FULLY_REFUNDED",
                    "The capture has already been fully refunded."));
        }
        if (requestedCurrency != null && !requestedCurrency.equals(currency)) {
            return RefundTransition.refused(MockAnswer.unprocessable("REFUND_CURRENCY_MISMATCH",
                    "Refund must be in the same currency as the capture."));
        }
        BigDecimal value = requested == null ? left : requested;
        if (value.compareTo(left) > 0) {
            return RefundTransition.refused(MockAnswer.unprocessable("REFUND_AMOUNT_EXCEEDED",
                    "The refund amount must be less than or equal to the capture amount that has not yet been refunded."));
        }
        Refund refund = new Refund(PayPalIds.refund(), value, now);
        refunds.add(refund);
        capture.updateTime = now;
        updateTime = now;
        return new RefundTransition(MockAnswer.created(refundJson(refund)), refundJson(refund), value);
    }

    synchronized ObjectNode toJson() {
        ObjectNode order = JsonNodeFactory.instance.objectNode()
                .put("id", id)
                .put("intent", "CAPTURE")
                .put("status", status.name());
        if (payerId != null) {
            ObjectNode paypal = order.putObject("payment_source").putObject("paypal");
            paypal.put("email_address", "buyer-" + payerId.toLowerCase() + "@example.com").put("account_id", payerId);
            paypal.putObject("name").put("given_name", "Mock").put("surname", "Buyer");
            order.putObject("payer").put("payer_id", payerId)
                    .put("email_address", "buyer-" + payerId.toLowerCase() + "@example.com")
                    .putObject("name").put("given_name", "Mock").put("surname", "Buyer");
        }
        ObjectNode unit = order.putArray("purchase_units").addObject()
                .put("reference_id", referenceId);
        unit.set("amount", money(amount));
        if (customId != null) {
            unit.put("custom_id", customId);
        }
        if (capture != null) {
            ObjectNode payments = unit.putObject("payments");
            payments.putArray("captures").add(captureJson());
            if (!refunds.isEmpty()) {
                ArrayNode refundList = payments.putArray("refunds");
                refunds.forEach(refund -> refundList.add(refundJson(refund)));
            }
        }
        order.put("create_time", time(createTime)).put("update_time", time(updateTime));
        ArrayNode links = order.putArray("links");
        link(links, base + "/v2/checkout/orders/" + id, "self", "GET");
        if (awaitsBuyer()) {
            link(links, approveUrl().toString(), payerActionFlow ? "payer-action" : "approve", "GET");
        }
        if (status == Status.APPROVED) {
            link(links, base + "/v2/checkout/orders/" + id + "/capture", "capture", "POST");
        }
        return order;
    }

    /** The capture as the capture answer and the PAYMENT.CAPTURE.* webhooks show it. */
    synchronized ObjectNode captureJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("id", capture.id)
                .put("status", captureStatus());
        json.set("amount", money(amount));
        json.put("final_capture", true);
        if (customId != null) {
            json.put("custom_id", customId);
        }
        json.put("create_time", time(capture.createTime)).put("update_time", time(capture.updateTime));
        ArrayNode links = json.putArray("links");
        link(links, base + "/v2/payments/captures/" + capture.id, "self", "GET");
        link(links, base + "/v2/payments/captures/" + capture.id + "/refund", "refund", "POST");
        link(links, base + "/v2/checkout/orders/" + id, "up", "GET");
        return json;
    }

    /** Webhooks name the capture's order here; the capture API answer does not. */
    synchronized ObjectNode captureWebhookResource() {
        ObjectNode json = captureJson();
        json.putObject("supplementary_data").putObject("related_ids").put("order_id", id);
        return json;
    }

    URI approveUrl() {
        return URI.create(base + "/checkoutnow?token=" + id);
    }

    String amountText() {
        return PayPalMoney.format(amount, currency) + " " + currency;
    }

    String currency() {
        return currency;
    }

    private boolean awaitsBuyer() {
        return status == Status.CREATED || status == Status.PAYER_ACTION_REQUIRED;
    }

    /** A pending capture completes (PayPal's review is over); false when there is none pending. */
    synchronized boolean completeCapture(Instant now) {
        if (capture == null || !capture.pending) {
            return false;
        }
        capture.pending = false;
        capture.updateTime = now;
        updateTime = now;
        return true;
    }

    private String captureStatus() {
        if (capture.pending) {
            return "PENDING";
        }
        BigDecimal refunded = refunded();
        if (refunded.signum() == 0) {
            return "COMPLETED";
        }
        return refunded.compareTo(amount) >= 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
    }

    private BigDecimal refunded() {
        return refunds.stream().map(r -> r.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private ObjectNode refundJson(Refund refund) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("id", refund.id)
                .put("status", "COMPLETED");
        json.set("amount", money(refund.amount));
        if (customId != null) {
            json.put("custom_id", customId);
        }
        json.put("create_time", time(refund.createTime)).put("update_time", time(refund.createTime));
        ArrayNode links = json.putArray("links");
        link(links, base + "/v2/payments/refunds/" + refund.id, "self", "GET");
        link(links, base + "/v2/payments/captures/" + capture.id, "up", "GET");
        return json;
    }

    private ObjectNode money(BigDecimal value) {
        return JsonNodeFactory.instance.objectNode()
                .put("currency_code", currency)
                .put("value", PayPalMoney.format(value, currency));
    }

    private static void link(ArrayNode links, String href, String rel, String method) {
        links.addObject().put("href", href).put("rel", rel).put("method", method);
    }

    /** PayPal writes whole seconds in UTC. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The answer to give, and whether the order changed (so a webhook is due). */
    record Transition(MockAnswer answer, boolean changed) {
    }

    /** {@code resource} is the refund for the webhook; null when the refund was refused. */
    record RefundTransition(MockAnswer answer, ObjectNode resource, BigDecimal amount) {
        static RefundTransition refused(MockAnswer answer) {
            return new RefundTransition(answer, null, null);
        }
    }

    private static final class Capture {
        private final String id;
        private final Instant createTime;
        private Instant updateTime;
        private boolean pending;

        private Capture(String id, Instant now) {
            this.id = id;
            this.createTime = now;
            this.updateTime = now;
        }
    }

    private record Refund(String id, BigDecimal amount, Instant createTime) {
    }
}
