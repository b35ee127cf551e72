package dev.ticketing.venues.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.input.StrictJson;
import dev.ticketing.venues.model.Point;
import dev.ticketing.venues.model.PlanRules;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON side every plan form shares: plan text read as {@link StrictJson} reads bodies (a member named twice or
 * anything after the value is malformed), numbers as exact decimals (so they come back out as they went in), and
 * numbers written in their shortest exact form ({@code 20}, {@code 12.5}).
 */
final class PlanJson {
    static final ObjectMapper MAPPER = StrictJson.configure(new ObjectMapper())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private PlanJson() {
    }

    /** The JSON value of {@code text}, or {@code 400} when it is no JSON (path: the whole plan). */
    static JsonNode parse(String text) {
        try {
            JsonNode tree = MAPPER.readTree(text == null ? "" : text);
            if (tree == null || tree.isMissingNode()) {
                throw PlanRules.invalid("", "The body is empty; send the plan as JSON");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw PlanRules.invalid("", "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Point point(JsonNode node) {
        return new Point(node.get("x").decimalValue(), node.get("y").decimalValue());
    }

    static ObjectNode point(Point point) {
        ObjectNode node = NODES.objectNode();
        node.set("x", number(point.x()));
        node.set("y", number(point.y()));
        return node;
    }

    /** {@code value} in its shortest exact form: a whole number as an integer ({@code 20.0} as {@code 20}). */
    static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return NODES.numberNode(stripped);
        }
        java.math.BigInteger whole = stripped.toBigIntegerExact();
        return whole.bitLength() < 32 ? NODES.numberNode(whole.intValue())
                : whole.bitLength() < 64 ? NODES.numberNode(whole.longValue()) : NODES.numberNode(whole);
    }

    /** The plan's {@code size.<name>}, or {@code 400} when it does not fit an int (the schema asks an integer). */
    static int dimension(JsonNode plan, String name) {
        JsonNode value = plan.get("size").get(name);
        if (!value.canConvertToInt()) {
            throw PlanRules.invalid("/size/" + name, "a whole number up to " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /** Sets {@code name} to {@code value} unless it is null (then the member is left out). */
    static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** Sets {@code name} to {@code point} unless it is null (then the member is left out). */
    static void putPoint(ObjectNode node, String name, Point point) {
        if (point != null) {
            node.set(name, point(point));
        }
    }

    /** The text of a member, or null when it is absent or JSON null. */
    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A copy of {@code node}'s members but {@code taken}, or null when none is left. */
    static ObjectNode rest(JsonNode node, String... taken) {
        Set<String> skip = Set.copyOf(Arrays.asList(taken));
        ObjectNode rest = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!skip.contains(field.getKey())) {
                rest.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return rest.isEmpty() ? null : rest;
    }
}
