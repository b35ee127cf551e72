package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.deploy.FunctionPermissions.Grant;
import dev.ticketing.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each function's role in template.yaml grants exactly what {@link FunctionPermissions} lists: nothing its code does
 * not call (no Scan, no DescribeTable, no other queue or stream), nothing on every resource of the account.
 */
class LeastPrivilegeTest {
    private static SamTemplate template() throws Exception {
        return SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
    }

    @Test
    void everyFunctionHasARoleOfItsOwnAndNoSamPolicyTemplates() throws Exception {
        SamTemplate template = template();
        TemplateRoles roles = new TemplateRoles(template);
        Map<String, String> roleOf = roles.roleOfEachFunction();

        assertThat(roleOf.keySet()).containsExactlyInAnyOrderElementsOf(FunctionPermissions.CODE.keySet());
        assertThat(roleOf.values()).doesNotContainNull().doesNotHaveDuplicates();
        template.resources("AWS::Serverless::Function").forEach((id, properties) ->
                assertThat(properties).as(id + ": SAM ignores Policies when Role is set, and adds managed policies "
                        + "(AWSLambdaSQSQueueExecutionRole, ...) on every queue or stream when it is not").doesNotContainKey("Policies"));
        roleOf.forEach((function, roleId) -> {
            Map<String, Object> role = roles.role(roleId);
            assertThat(role).as(roleId).isNotNull().doesNotContainKey("ManagedPolicyArns");
            assertThat(role.get("AssumeRolePolicyDocument").toString()).contains("lambda.amazonaws.com")
                    .doesNotContain("AWS=");
        });
    }

    @Test
    void everyRoleGrantsExactlyTheActionsItsFunctionUses() throws Exception {
        List<String> problems = differences(template());

        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void noActionIsAWildcardAndOnlyXRayIsGrantedOnEveryResource() throws Exception {
        TemplateRoles roles = new TemplateRoles(template());
        roles.roleOfEachFunction().forEach((function, roleId) -> {
            for (Grant grant : roles.grants(roleId, function)) {
                assertThat(grant.action()).as(roleId).doesNotContain("*");
                if (grant.resource().equals("*")) {
                    assertThat(grant.action()).as(roleId + ": on every resource").startsWith("xray:");
                }
                assertThat(grant.resource()).as(roleId).doesNotEndWith(":*").isNotEqualTo("Table/*");
            }
        });
    }

    @Test
    void aGrantTheCodeDoesNotUseFailsTheBuild() throws Exception {
        String widened = Files.readString(Path.of("../template.yaml")).replaceFirst(
                "Action: \\[dynamodb:GetItem, dynamodb:PutItem,", "Action: [dynamodb:Scan, dynamodb:GetItem, dynamodb:PutItem,");
        assertThat(widened).contains("dynamodb:Scan");

        List<String> problems = differences(SamTemplate.parse(new ByteArrayInputStream(widened.getBytes(StandardCharsets.UTF_8))));

        assertThat(problems).singleElement().asString()
                .contains("ApiFunction").contains("granted but not used").contains("dynamodb:Scan on Table");
    }

    /** One line per function whose role differs from the list: what it grants beyond it, what it lacks. */
    private static List<String> differences(SamTemplate template) {
        TemplateRoles roles = new TemplateRoles(template);
        List<String> problems = new ArrayList<>();
        roles.roleOfEachFunction().forEach((function, roleId) -> {
            Set<Grant> granted = roles.grants(roleId, function);
            Set<Grant> listed = FunctionPermissions.all(function);
            Set<Grant> extra = new LinkedHashSet<>(granted);
            extra.removeAll(listed);
            Set<Grant> missing = new HashSet<>(listed);
            missing.removeAll(granted);
            if (!extra.isEmpty()) {
                problems.add(function + " (" + roleId + "): granted but not used by its code (FunctionPermissions): " + extra);
            }
            if (!missing.isEmpty()) {
                problems.add(function + " (" + roleId + "): used (FunctionPermissions) but not granted: " + missing);
            }
        });
        return problems;
    }
}
