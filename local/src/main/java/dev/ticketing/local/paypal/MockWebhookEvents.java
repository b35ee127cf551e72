package dev.ticketing.local.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;

/** PayPal's webhook event envelope around a resource (an order, a capture or a refund). */
final class MockWebhookEvents {
    private MockWebhookEvents() {
    }

    static ObjectNode envelope(String eventId, String eventType, String resourceType, String summary,
                               JsonNode resource, Instant now, URI base) {
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("id", eventId)
                .put("event_version", "1.0")
                .put("create_time", MockOrder.time(now))
                .put("resource_type", resourceType)
                .put("resource_version", "2.0")
                .put("event_type", eventType)
                .put("summary", summary);
        event.set("resource", resource);
        ArrayNode links = event.putArray("links");
        links.addObject().put("href", base + "/v1/notifications/webhooks-events/" + eventId)
                .put("rel", "self").put("method", "GET");
        links.addObject().put("href", base + "/v1/notifications/webhooks-events/" + eventId + "/resend")
                .put("rel", "resend").put("method", "POST");
        return event;
    }
}
