package dev.ticketing.deploy;

import dev.ticketing.deploy.FunctionPermissions.Grant;
import dev.ticketing.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The functions' roles as template.yaml declares them, read into {@link Grant}s named the way {@link FunctionPermissions} names them. */
final class TemplateRoles {
    private final SamTemplate template;

    TemplateRoles(SamTemplate template) {
        this.template = template;
    }

    /** Function logical id -> the logical id of its role (from {@code Role: !GetAtt X.Arn}), or null. */
    Map<String, String> roleOfEachFunction() {
        Map<String, String> roles = new LinkedHashMap<>();
        template.resources("AWS::Serverless::Function").forEach((id, properties) -> {
            Object role = properties.get("Role");
            roles.put(id, role instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> target
                    && target.size() == 2 && "Arn".equals(target.get(1)) ? (String) target.get(0) : null);
        });
        return roles;
    }

    Map<String, Object> role(String roleId) {
        return template.resources("AWS::IAM::Role").get(roleId);
    }

    /** Every Allow statement of the role's inline policies as grants; {@code function} names its own log group. */
    @SuppressWarnings("unchecked")
    Set<Grant> grants(String roleId, String function) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (Object policy : (List<Object>) role(roleId).getOrDefault("Policies", List.of())) {
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) policy).get("PolicyDocument");
            for (Object statement : (List<Object>) document.get("Statement")) {
                Map<String, Object> body = (Map<String, Object>) statement;
                if (!"Allow".equals(body.get("Effect"))) {
                    throw new AssertionError(roleId + ": only Allow statements are expected, found " + body);
                }
                for (Object action : list(body.get("Action"))) {
                    for (Object resource : list(body.get("Resource"))) {
                        grants.add(new Grant((String) action, resourceName(resource, function)));
                    }
                }
            }
        }
        return grants;
    }

    /** {@code !GetAtt Table.Arn} -> Table; {@code !Sub '${Table.Arn}/index/gsi1'} -> Table/index/gsi1; {@code !Ref X} -> X; the function's own log group -> LogGroup. */
    static String resourceName(Object resource, String function) {
        if (resource instanceof String text) {
            return text;
        }
        Map<?, ?> intrinsic = (Map<?, ?>) resource;
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> target && "Arn".equals(target.get(1))) {
            String id = (String) target.get(0);
            return id.equals(function + "LogGroup") ? FunctionPermissions.OWN_LOG_GROUP : id;
        }
        if (intrinsic.get("Ref") instanceof String id) {
            // a secret's Ref is its ARN: !Ref TicketKeysSecret -> TicketKeysSecret
            return id;
        }
        if (intrinsic.get("Fn::Sub") instanceof String sub) {
            return sub.replaceAll("\\$\\{([A-Za-z0-9]+)\\.Arn}", "$1");
        }
        return intrinsic.toString();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
