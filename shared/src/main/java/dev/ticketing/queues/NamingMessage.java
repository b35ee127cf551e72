package dev.ticketing.queues;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * The body of a queue message that names one thing and nothing else, {@code {"<field>": "<value>"}}: an event whose
 * seats are to be written or whose best-available requests are to be placed, an order whose mail is to be sent. The
 * consumer reads the name back, or learns that the body is not such a message (never retried: no delivery of it can
 * ever name anything).
 */
public final class NamingMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NamingMessage() {
    }

    /** {@code {"<field>": "<value>"}}. */
    public static String body(String field, String value) {
        try {
            return JSON.writeValueAsString(Map.of(field, value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message naming " + field, e);
        }
    }

    /** The text {@code field} of {@code body}; empty when the body is not JSON, or has no such non-blank text. */
    public static Optional<String> named(String body, String field) {
        try {
            JsonNode message = body == null ? null : JSON.readTree(body);
            JsonNode value = message == null ? null : message.get(field);
            return value != null && value.isTextual() && !value.asText().isBlank()
                    ? Optional.of(value.asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
