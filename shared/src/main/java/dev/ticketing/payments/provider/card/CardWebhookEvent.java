package dev.ticketing.payments.provider.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.payments.provider.paypal.PayPalJson;

/**
 * A card checkout webhook: {@code {"id":"evt_...","type":"checkout.session.authorized","created":<unix>,
 * "data":{"object":{...}}}} where the object is a checkout session ({@code checkout.session.*}) or a charge
 * ({@code charge.*}, which names its session in {@code session}).
 */
public record CardWebhookEvent(String id, String type, String sessionId, String chargeId, String reference) {
    public static final String SESSION_AUTHORIZED = "checkout.session.authorized";
    public static final String SESSION_CANCELLED = "checkout.session.cancelled";
    public static final String SESSION_EXPIRED = "checkout.session.expired";
    public static final String CHARGE_CAPTURED = "charge.captured";
    public static final String CHARGE_FAILED = "charge.failed";
    public static final String CHARGE_REFUNDED = "charge.refunded";

    private static final ObjectMapper JSON = PayPalJson.newMapper();

    public static CardWebhookEvent parse(String body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("webhook body is not a JSON object");
        }
        String id = CardCheckoutClient.text(root, "id");
        String type = CardCheckoutClient.text(root, "type");
        JsonNode object = root.path("data").path("object");
        if (id == null || type == null || !object.isObject()) {
            throw new IllegalArgumentException("webhook body is not a card checkout event");
        }
        boolean charge = "charge".equals(CardCheckoutClient.text(object, "object")) || type.startsWith("charge.");
        String sessionId = charge ? CardCheckoutClient.text(object, "session") : CardCheckoutClient.text(object, "id");
        String chargeId = charge ? CardCheckoutClient.text(object, "id") : CardCheckoutClient.text(object.path("charge"), "id");
        return new CardWebhookEvent(id, type, sessionId, chargeId, CardCheckoutClient.text(object, "reference"));
    }
}
