package dev.ticketing.payments.provider.paypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A webhook notification as PayPal posts it. Parse it only after
 * {@link PayPalClient#verifyWebhookSignature} said yes. PayPal may deliver the same event more than once (it
 * retries, and can be asked to resend): {@link #id()} is the same every time, so it is the deduplication key.
 *
 * <p>The helpers dig the ids out of the places PayPal puts them for each resource type: a {@code checkout-order}
 * resource is the order, a {@code capture} names its order in {@code supplementary_data.related_ids.order_id},
 * a {@code refund} names its capture only through its {@code up} link.
 */
public record PayPalWebhookEvent(String id, String eventType, String resourceType, JsonNode resource,
                                 Instant createTime, String summary) {
    public static final String CHECKOUT_ORDER_APPROVED = "CHECKOUT.ORDER.APPROVED";
    public static final String CHECKOUT_ORDER_COMPLETED = "CHECKOUT.ORDER.COMPLETED";
    public static final String PAYMENT_CAPTURE_COMPLETED = "PAYMENT.CAPTURE.COMPLETED";
    public static final String PAYMENT_CAPTURE_PENDING = "PAYMENT.CAPTURE.PENDING";
    public static final String PAYMENT_CAPTURE_DENIED = "PAYMENT.CAPTURE.DENIED";
    public static final String PAYMENT_CAPTURE_REFUNDED = "PAYMENT.CAPTURE.REFUNDED";
    /** A chargeback: PayPal took the money back (Webhook event names, "Payments"). */
    public static final String PAYMENT_CAPTURE_REVERSED = "PAYMENT.CAPTURE.REVERSED";

    public static final String RESOURCE_CHECKOUT_ORDER = "checkout-order";
    public static final String RESOURCE_CAPTURE = "capture";
    public static final String RESOURCE_REFUND = "refund";

    private static final ObjectMapper JSON = PayPalJson.newMapper();

    public PayPalWebhookEvent {
        resource = resource == null ? MissingNode.getInstance() : resource.deepCopy();
    }

    /** Reads the raw body; a body that is not a PayPal event (not JSON, no id or event_type) is refused. */
    public static PayPalWebhookEvent parse(String rawBody) {
        JsonNode root;
        try {
            root = rawBody == null ? null : JSON.readTree(rawBody);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body is not JSON", e);
        }
        if (root == null || !root.isObject() || text(root.path("id")) == null || text(root.path("event_type")) == null) {
            throw new IllegalArgumentException("webhook body is not a PayPal event");
        }
        return new PayPalWebhookEvent(text(root.path("id")), text(root.path("event_type")),
                text(root.path("resource_type")), root.path("resource"), instant(text(root.path("create_time"))),
                text(root.path("summary")));
    }

    /** The resource is a copy, so the event stays a value. */
    @Override
    public JsonNode resource() {
        return resource.deepCopy();
    }

    /** The checkout order the event is about; null for a refund, which PayPal does not tie to its order. */
    public String orderId() {
        if (isOrderResource()) {
            return text(resource.path("id"));
        }
        return text(resource.path("supplementary_data").path("related_ids").path("order_id"));
    }

    /** The capture the event is about: the capture itself, a refund's parent, or a completed order's capture. */
    public String captureId() {
        if (RESOURCE_CAPTURE.equals(resourceType) || (resourceType == null && eventType.startsWith("PAYMENT.CAPTURE.")
                && !PAYMENT_CAPTURE_REFUNDED.equals(eventType))) {
            return text(resource.path("id"));
        }
        if (RESOURCE_REFUND.equals(resourceType) || PAYMENT_CAPTURE_REFUNDED.equals(eventType)) {
            return lastSegmentOfLink("up", "/captures/");
        }
        if (isOrderResource()) {
            return text(resource.path("purchase_units").path(0).path("payments").path("captures").path(0).path("id"));
        }
        return null;
    }

    /** The {@code custom_id} we gave the purchase unit when creating the order (captures and refunds copy it). */
    public String customId() {
        if (isOrderResource()) {
            return text(resource.path("purchase_units").path(0).path("custom_id"));
        }
        return text(resource.path("custom_id"));
    }

    /** The refund's id for PAYMENT.CAPTURE.REFUNDED, else null. */
    public String refundId() {
        return RESOURCE_REFUND.equals(resourceType) || PAYMENT_CAPTURE_REFUNDED.equals(eventType)
                ? text(resource.path("id")) : null;
    }

    private boolean isOrderResource() {
        return RESOURCE_CHECKOUT_ORDER.equals(resourceType) || (resourceType == null && eventType.startsWith("CHECKOUT.ORDER."));
    }

    private String lastSegmentOfLink(String rel, String marker) {
        for (JsonNode link : resource.path("links")) {
            String href = text(link.path("href"));
            if (rel.equals(text(link.path("rel"))) && href != null && href.contains(marker)) {
                String tail = href.substring(href.lastIndexOf(marker) + marker.length());
                int end = tail.indexOf('/');
                return end < 0 ? tail : tail.substring(0, end);
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
