package dev.ticketing.payments.provider.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Turns PayPal's error bodies (REST {@code name/details/debug_id}, or OAuth {@code error}) into exceptions. */
final class PayPalErrors {
    private PayPalErrors() {
    }

    static PayPalException fromAnswer(int status, String body, ObjectMapper json) {
        JsonNode root = null;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            // not JSON (a proxy's HTML page, say): the status alone has to do
        }
        if (root == null || !root.isObject()) {
            return new PayPalException(status, null, null, null, null);
        }
        String name = text(root, "name");
        String message = text(root, "message");
        if (name == null) {
            name = text(root, "error");
            message = text(root, "error_description");
        }
        String issue = null;
        JsonNode details = root.path("details");
        if (details.isArray() && !details.isEmpty()) {
            issue = text(details.get(0), "issue");
            String description = text(details.get(0), "description");
            if (description != null) {
                message = message == null ? description : message + " " + description;
            }
        }
        return new PayPalException(status, name, issue, message, text(root, "debug_id"));
    }

    static PayPalException noAnswer(String what, Exception cause) {
        return new PayPalException(0, PayPalException.NO_ANSWER, null, what + ": " + cause, null, cause);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
