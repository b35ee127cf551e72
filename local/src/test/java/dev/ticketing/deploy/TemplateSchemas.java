package dev.ticketing.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS's own schemas for template.yaml (copied from ../shared/schemas into src/test/resources/schemas, see its
 * SOURCES.md): SAM's schema for the {@code AWS::Serverless::*} resources and Globals, CloudFormation's resource
 * provider schemas (as bundled by cfn-lint) for every {@code AWS::*} resource's Properties, and cfn-lint's
 * template-section schemas. Read as Draft 7 with two allowances CloudFormation itself makes: an intrinsic function
 * ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}, ...) stands wherever a value may, and a number or boolean where a
 * string is expected (CloudFormation turns it into one).
 */
final class TemplateSchemas {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INTRINSIC = "__Intrinsic";
    /** Keywords whose value is one schema. */
    private static final List<String> ONE_SCHEMA = List.of("additionalProperties", "items", "additionalItems", "contains",
            "propertyNames", "if", "then", "else", "not");
    /** Keywords whose value is a list of schemas. */
    private static final List<String> SCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf", "items");
    /** Keywords whose value maps names to schemas. */
    private static final List<String> SCHEMA_MAPS = List.of("properties", "patternProperties", "definitions");

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    /** The schema in {@code schemas/<file>}, with the allowances; empty when there is no such file. */
    Optional<ObjectNode> load(String file) {
        try (InputStream in = TemplateSchemas.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            schema.remove("$schema");
            schema.remove("$id");
            ObjectNode allowed = (ObjectNode) allowances(schema, true);
            ObjectNode definitions = allowed.has("definitions") ? (ObjectNode) allowed.get("definitions")
                    : allowed.putObject("definitions");
            definitions.set(INTRINSIC, intrinsicFunction());
            return Optional.of(allowed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same document, made to validate against its definition {@code name} instead of its root. */
    static ObjectNode atDefinition(ObjectNode schema, String name) {
        ObjectNode copy = schema.deepCopy();
        copy.remove(List.of("properties", "required", "type", "title", "additionalProperties", "patternProperties"));
        copy.put("$ref", "#/definitions/" + name);
        return copy;
    }

    /** The violations of {@code instance} against {@code schema}, one readable line each. */
    List<String> violations(ObjectNode schema, Object instance, String where) {
        Schema compiled = registry.getSchema(schema);
        List<String> found = new ArrayList<>();
        for (Error error : compiled.validate(JSON.valueToTree(toJsonCompatible(instance)))) {
            found.add(where + error.getInstanceLocation() + ": " + error.getMessage());
        }
        return found;
    }

    /** YAML gives Dates for unquoted dates and the like; the template has none, but keep JSON's types only. */
    private static Object toJsonCompatible(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?> || value == null || value instanceof String
                || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    private static JsonNode intrinsicFunction() {
        ObjectNode intrinsic = JSON.createObjectNode();
        intrinsic.put("type", "object");
        intrinsic.put("minProperties", 1);
        intrinsic.put("maxProperties", 1);
        intrinsic.putObject("propertyNames").put("pattern", "^(Ref|Condition|Fn::[A-Za-z]+)$");
        return intrinsic;
    }

    /** Rewrites every subschema S as {@code anyOf: [S, intrinsic]}, and lets numbers and booleans be strings. */
    private static JsonNode allowances(JsonNode node, boolean root) {
        if (!(node instanceof ObjectNode schema)) {
            return node;
        }
        ObjectNode copy = schema.deepCopy();
        for (String keyword : ONE_SCHEMA) {
            JsonNode child = copy.get(keyword);
            if (child instanceof ObjectNode) {
                copy.set(keyword, allowances(child, false));
            }
        }
        for (String keyword : SCHEMA_LISTS) {
            if (copy.get(keyword) instanceof ArrayNode list) {
                ArrayNode rewritten = JSON.createArrayNode();
                list.forEach(child -> rewritten.add(allowances(child, false)));
                copy.set(keyword, rewritten);
            }
        }
        for (String keyword : SCHEMA_MAPS) {
            if (copy.get(keyword) instanceof ObjectNode map) {
                ObjectNode rewritten = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    // definitions are reached through $ref from places that are rewritten already
                    rewritten.set(entry.getKey(), keyword.equals("definitions")
                            ? unwrapped(allowances(entry.getValue(), false)) : allowances(entry.getValue(), false));
                }
                copy.set(keyword, rewritten);
            }
        }
        widenStrings(copy);
        if (root) {
            return copy;
        }
        ObjectNode either = JSON.createObjectNode();
        either.putArray("anyOf").add(copy).add(JSON.createObjectNode().put("$ref", "#/definitions/" + INTRINSIC));
        return either;
    }

    private static JsonNode unwrapped(JsonNode wrapped) {
        return wrapped.has("anyOf") && wrapped.size() == 1 && wrapped.get("anyOf").size() == 2
                && wrapped.get("anyOf").get(1).path("$ref").asString("").endsWith(INTRINSIC)
                ? wrapped.get("anyOf").get(0) : wrapped;
    }

    private static void widenStrings(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isString() && type.asString().equals("string")) {
            schema.putArray("type").add("string").add("number").add("boolean");
        } else if (type instanceof ArrayNode types && contains(types, "string")) {
            for (String more : List.of("number", "boolean")) {
                if (!contains(types, more)) {
                    types.add(more);
                }
            }
        }
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode element : array) {
            if (element.isString() && element.asString().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
