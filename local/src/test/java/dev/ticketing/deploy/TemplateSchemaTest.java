package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * template.yaml is checked in CI against AWS's schemas (no SAM CLI or cfn-lint here): what CloudFormation would
 * refuse at deploy time (a misspelt property, a wrong type, a missing required field) fails the build instead.
 */
class TemplateSchemaTest {
    private static final String SAM = "sam.schema.json";
    private final TemplateSchemas schemas = new TemplateSchemas();

    @Test
    void theTemplateIsValidAgainstSamAndCloudFormationSchemas() throws Exception {
        List<String> violations = violations(SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml"))));

        assertThat(violations).as(String.join("\n", violations)).isEmpty();
    }

    @Test
    void aMisspeltFunctionPropertyIsCaught() throws Exception {
        String broken = Files.readString(Path.of("../template.yaml"))
                .replaceFirst("      Handler: dev.ticketing.api.lambda.ApiHandler", "      Handlr: dev.ticketing.api.lambda.ApiHandler");

        assertThat(violations(parse(broken))).anyMatch(v -> v.contains("ApiFunction") && v.contains("Handlr"));
    }

    @Test
    void aWrongValueInACloudFormationResourceIsCaught() throws Exception {
        String broken = Files.readString(Path.of("../template.yaml"))
                .replaceFirst("      RetentionInDays: !Ref LogRetentionDays", "      RetentionInDays: [30]")
                .replaceFirst("      DeletionProtectionEnabled: ", "      DeletionProtection: ");

        List<String> violations = violations(parse(broken));
        assertThat(violations).anyMatch(v -> v.contains("LogGroup") && v.contains("RetentionInDays"));
        assertThat(violations).anyMatch(v -> v.contains("Table") && v.contains("DeletionProtection"));
    }

    @Test
    void aMisspeltDeletionPolicyIsCaughtAndRetainExceptOnCreateIsAccepted() throws Exception {
        String template = Files.readString(Path.of("../template.yaml"));
        String broken = template.replaceFirst("    DeletionPolicy: RetainExceptOnCreate", "    DeletionPolicy: RetainExceptCreate");

        assertThat(template).contains("    DeletionPolicy: RetainExceptOnCreate");
        assertThat(violations(parse(broken))).anyMatch(v -> v.contains("Table") && v.contains("RetainExceptCreate"));
    }

    @Test
    void aRuntimeLambdaDoesNotKnowIsCaught() throws Exception {
        String broken = Files.readString(Path.of("../template.yaml")).replaceFirst("    Runtime: java25", "    Runtime: java26");

        assertThat(violations(parse(broken))).anyMatch(v -> v.contains("Runtime"));
    }

    @Test
    void anIntrinsicFunctionStandsForAnyValueButOnlyAsAFunction() throws Exception {
        String broken = Files.readString(Path.of("../template.yaml"))
                .replaceFirst("      Threshold: 0\n", "      Threshold: {NotAFunction: 0}\n");

        assertThat(violations(parse(broken))).anyMatch(v -> v.contains("Alarm") && v.contains("Threshold"));
    }

    private static SamTemplate parse(String yaml) {
        return SamTemplate.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> violations(SamTemplate template) {
        Map<String, Object> document = template.document();
        List<String> found = new ArrayList<>();
        ObjectNode sam = schemas.load(SAM).orElseThrow();
        found.addAll(schemas.violations(schemas.load("cfn-other-template-configuration.json").orElseThrow(), document, "template"));
        found.addAll(schemas.violations(sam, document, "template"));
        found.addAll(section(document, "Parameters", "cfn-other-parameters-configuration.json"));
        found.addAll(section(document, "Resources", "cfn-other-resources-configuration.json"));
        found.addAll(section(document, "Outputs", "cfn-other-outputs-configuration.json"));
        found.addAll(section(document, "Globals", "cfn-other-sam-globals.json"));

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) document.get("Resources");
        resources.forEach((id, resource) -> {
            String type = (String) resource.get("Type");
            found.addAll(policies(id, resource));
            if (type.startsWith("AWS::Serverless::")) {
                String definition = "samtranslator__internal__schema_source__aws_serverless_"
                        + type.substring("AWS::Serverless::".length()).toLowerCase(Locale.ROOT) + "__Resource";
                found.addAll(schemas.violations(TemplateSchemas.atDefinition(sam, definition), resource, id));
                if (type.equals("AWS::Serverless::Function")) {
                    found.addAll(passedThroughToLambda(document, resource, id));
                }
            } else {
                String file = type.toLowerCase(Locale.ROOT).replace("::", "-") + ".json";
                Optional<ObjectNode> schema = schemas.load(file);
                if (schema.isEmpty()) {
                    found.add(id + ": no schema for " + type + " - copy schemas/" + file
                            + " from ../shared/schemas (or cfn-lint's provider schemas) into local/src/test/resources/schemas");
                } else {
                    Object properties = resource.getOrDefault("Properties", new LinkedHashMap<>());
                    found.addAll(schemas.violations(schema.get(), properties, id + ".Properties"));
                }
            }
        });
        return found;
    }

    /**
     * SAM passes some function properties to AWS::Lambda::Function as they are, without checking them: check those
     * (with the Globals applied) against Lambda's schema, e.g. that the runtime is one Lambda knows.
     */
    @SuppressWarnings("unchecked")
    private List<String> passedThroughToLambda(Map<String, Object> document, Map<String, Object> resource, String id) {
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) document.getOrDefault("Globals", Map.of()))
                .getOrDefault("Function", Map.of());
        Map<String, Object> properties = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
        Map<String, Object> lambda = new LinkedHashMap<>();
        for (String name : PASSED_THROUGH) {
            Object value = properties.containsKey(name) ? properties.get(name) : globals.get(name);
            if (value != null) {
                lambda.put(name, value);
            }
        }
        lambda.put("Role", "arn:aws:iam::000000000000:role/checked-elsewhere");
        lambda.put("Code", Map.of("S3Bucket", "checked-elsewhere", "S3Key", "code.jar"));
        ObjectNode schema = schemas.load("aws-lambda-function.json").orElseThrow();
        return schemas.violations(schema, lambda, id + " (as AWS::Lambda::Function)");
    }

    private static final List<String> PASSED_THROUGH = List.of("Runtime", "Architectures", "MemorySize", "Timeout",
            "Handler", "LoggingConfig", "SnapStart", "Environment", "Description");

    /**
     * The stored CloudFormation schema leaves the resource attributes {@code DeletionPolicy} and {@code
     * UpdateReplacePolicy} open (cfn-other-resources-configuration.json: {@code "DeletionPolicy": {}}; cfn-lint checks
     * their values with its own rule, not the schema), so their values are checked here, as the CloudFormation User
     * Guide lists them ("DeletionPolicy attribute", "UpdateReplacePolicy attribute"): {@code Delete}, {@code Retain},
     * {@code Snapshot}, and for DeletionPolicy also {@code RetainExceptOnCreate} (added July 2023: retain, except
     * when the operation that created the resource rolls back).
     */
    private static List<String> policies(String id, Map<String, Object> resource) {
        List<String> found = new ArrayList<>();
        Map<String, List<String>> allowed = Map.of(
                "DeletionPolicy", List.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot"),
                "UpdateReplacePolicy", List.of("Delete", "Retain", "Snapshot"));
        allowed.forEach((attribute, values) -> {
            Object value = resource.get(attribute);
            if (value != null && !values.contains(value)) {
                found.add(id + "." + attribute + ": " + value + " is not one of " + values);
            }
        });
        return found;
    }

    private List<String> section(Map<String, Object> document, String name, String file) {
        Object section = document.get(name);
        return section == null ? List.of() : schemas.violations(schemas.load(file).orElseThrow(), section, name);
    }
}
