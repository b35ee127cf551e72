package dev.ticketing.local.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON answer of the mock API; kept whole so a repeated PayPal-Request-Id can get it again. */
record MockAnswer(int status, JsonNode body) {
    boolean isSuccess() {
        return status / 100 == 2;
    }

    static MockAnswer ok(JsonNode body) {
        return new MockAnswer(200, body);
    }

    static MockAnswer created(JsonNode body) {
        return new MockAnswer(201, body);
    }

    /** PayPal's error shape: a broad {@code name}, the precise reason in {@code details[0].issue}. */
    static MockAnswer error(int status, String name, String issue, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("name", name)
                .put("message", messageFor(name))
                .put("debug_id", PayPalIds.random(13).toLowerCase());
        if (issue != null) {
            body.putArray("details").addObject().put("issue", issue).put("description", description);
        }
        return new MockAnswer(status, body);
    }

    static MockAnswer unprocessable(String issue, String description) {
        return error(422, "UNPROCESSABLE_ENTITY", issue, description);
    }

    static MockAnswer invalidRequest(String issue, String description) {
        return error(400, "INVALID_REQUEST", issue, description);
    }

    static MockAnswer notFound(String description) {
        return error(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", description);
    }

    private static String messageFor(String name) {
        switch (name) {
            case "UNPROCESSABLE_ENTITY":
                return "The requested action could not be performed, semantically incorrect, or failed business validation.";
            case "INVALID_REQUEST":
                return "Request is not well-formed, syntactically incorrect, or violates schema.";
            case "RESOURCE_NOT_FOUND":
                return "The specified resource does not exist.";
            case "AUTHENTICATION_FAILURE":
                return "Authentication failed due to invalid authentication credentials or a missing Authorization header.";
            default:
                return name;
        }
    }
}
