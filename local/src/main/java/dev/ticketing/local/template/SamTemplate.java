package dev.ticketing.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml, read the way the local stack needs it: the functions with their handlers, environment and
 * triggers, the HTTP routes, the table and the queues. CloudFormation's short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) are read into their long form ({@code {Ref: X}}, {@code {Fn::GetAtt: ...}}).
 */
public final class SamTemplate {
    /** An HTTP route of the API and the function that serves it. */
    public record Route(String method, String path, String functionId, boolean authorized) {
    }

    /** A function: its handler class and environment variables as written in the template. */
    public record Function(String id, String handler, Map<String, Object> environment, Map<String, Map<String, Object>> events) {
    }

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate fromClasspath() {
        try (InputStream in = SamTemplate.class.getResourceAsStream("/template.yaml")) {
            return parse(Objects.requireNonNull(in, "template.yaml is not on the classpath"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SamTemplate parse(InputStream yaml) {
        Yaml parser = new Yaml(new CloudFormationConstructor());
        return new SamTemplate(parser.load(yaml));
    }

    /** The whole template as maps, lists and scalars, short-form tags in their long form (read-only use). */
    public Map<String, Object> document() {
        return java.util.Collections.unmodifiableMap(root);
    }

    /** Resources of one type (e.g. {@code AWS::SQS::Queue}), by logical id, in template order. */
    public Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(root, "Resources").forEach((id, resource) -> {
            Map<String, Object> body = cast(resource);
            if (type.equals(body.get("Type"))) {
                found.put(id, map(body, "Properties"));
            }
        });
        return found;
    }

    /** The names of the template's parameters, in template order. */
    public java.util.Set<String> parameterNames() {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(map(root, "Parameters").keySet()));
    }

    public Map<String, Object> parameterDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        map(root, "Parameters").forEach((name, parameter) -> {
            Object value = cast(parameter).get("Default");
            if (value != null) {
                defaults.put(name, value);
            }
        });
        return defaults;
    }

    public List<Function> functions() {
        Map<String, Object> globalEnvironment = map(map(map(map(root, "Globals"), "Function"), "Environment"), "Variables");
        List<Function> functions = new ArrayList<>();
        resources("AWS::Serverless::Function").forEach((id, properties) -> {
            Map<String, Object> environment = new LinkedHashMap<>(globalEnvironment);
            environment.putAll(map(map(properties, "Environment"), "Variables"));
            Map<String, Map<String, Object>> events = new LinkedHashMap<>();
            map(properties, "Events").forEach((name, event) -> events.put(name, cast(event)));
            functions.add(new Function(id, (String) properties.get("Handler"), environment, events));
        });
        return functions;
    }

    /** Every {@code HttpApi} event of every function; a route is authorized unless it says {@code Authorizer: NONE}. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Function function : functions()) {
            for (Map<String, Object> event : function.events().values()) {
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> properties = map(event, "Properties");
                    boolean open = "NONE".equals(map(properties, "Auth").get("Authorizer"));
                    routes.add(new Route(((String) properties.get("Method")).toUpperCase(), (String) properties.get("Path"),
                            function.id(), !open));
                }
            }
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    /** Reads {@code !Name value} as {@code {Name-in-long-form: value}}. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not",
                    "And", "Or", "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "Condition")) {
                String longForm = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
                this.yamlConstructors.put(new Tag("!" + function), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            String text = scalar.getValue();
                            value = function.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(longForm, value);
                    }
                });
            }
        }
    }
}
