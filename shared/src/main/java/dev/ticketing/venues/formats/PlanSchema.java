package dev.ticketing.venues.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.ticketing.venues.model.Plan;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.PlanPaths;
import dev.ticketing.venues.model.PlanRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Set;

/**
 * A plan form's JSON Schema (draft-07), loaded once from this package's resources, and the one way a plan's text is
 * checked against it (networknt's json-schema-validator): nothing, or the {@code 400} of the first offending part in
 * document order (array items by index, an object's members by name), its JSON pointer in {@code path}. For a
 * missing or unknown member the pointer names the member itself ({@code /zones/0/rows/3/seats/7/position}).
 */
final class PlanSchema {
    /** The keywords whose error is about a member of the object at the error's location. */
    private static final Set<String> ABOUT_A_MEMBER = Set.of("required", "additionalProperties");

    private final Schema schema;

    private PlanSchema(Schema schema) {
        this.schema = schema;
    }

    static PlanSchema load(String resource) {
        try (InputStream in = PlanSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " beside " + PlanSchema.class.getName());
            }
            return new PlanSchema(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The plan of {@code text} as a client sent it in {@code format}: JSON ({@link PlanJson#parse}), keeping this
     * schema, made a plan by {@code toPlan}, keeping {@link PlanRules}; else the {@code 400} of the first offending part.
     */
    Plan read(String text, Function<JsonNode, Plan> toPlan, PlanFormat format) {
        return read(text, toPlan, tree -> format);
    }

    /** {@link #read(String, Function, PlanFormat)} of a form whose parts' names depend on the plan: {@code paths}' of its tree. */
    Plan read(String text, Function<JsonNode, Plan> toPlan, Function<JsonNode, PlanPaths> paths) {
        JsonNode tree = PlanJson.parse(text);
        check(text);
        Plan plan = toPlan.apply(tree);
        PlanRules.check(plan, paths.apply(tree));
        return plan;
    }

    /** Returns if {@code json} (well-formed JSON text) keeps the schema; the first error's problem otherwise. */
    void check(String json) {
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        errors.stream().min(Comparator.comparing(PlanSchema::location, PlanSchema::compare)).ifPresent(error -> {
            throw PlanRules.invalid(pointer(error), error.getMessage());
        });
    }

    private static List<Object> location(Error error) {
        NodePath path = error.getInstanceLocation();
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            parts.add(path.getElement(i));
        }
        if (ABOUT_A_MEMBER.contains(error.getKeyword()) && error.getProperty() != null) {
            parts.add(error.getProperty());
        }
        return parts;
    }

    private static int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int order = x instanceof Integer m && y instanceof Integer n ? Integer.compare(m, n)
                    : String.valueOf(x).compareTo(String.valueOf(y));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    private static String pointer(Error error) {
        StringBuilder pointer = new StringBuilder();
        for (Object part : location(error)) {
            pointer.append('/').append(String.valueOf(part).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
