package dev.ticketing.api.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.UnauthorizedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller as API Gateway's JWT authorizer hands it over: the token was verified before the function ran, and
 * its claims are in {@code requestContext.authorizer.jwt.claims}. Admins are exactly the members of the configured
 * admin group ({@code ADMIN_GROUP}, {@link dev.ticketing.config.IdentityConfig}), read from {@link #groups the groups
 * claims}.
 */
public final class JwtClaims {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern SUBJECT = java.util.regex.Pattern.compile("[A-Za-z0-9._@+:|=-]{1,256}");

    private JwtClaims() {
    }

    /**
     * The caller of a request that API Gateway's JWT authorizer let through.
     *
     * @param adminGroup the group whose members are admins (exact match)
     * @throws UnauthorizedException no subject, or one that is not 1-256 characters of {@code [A-Za-z0-9._@+:|=-]}
     */
    public static Caller callerOf(APIGatewayV2HTTPEvent event, String adminGroup) {
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("A bearer token with a subject is required");
        }
        if (!SUBJECT.matcher(subject).matches()) {
            // the subject becomes part of keys: bounded, and without the key separator '#'
            throw new UnauthorizedException("The token's subject must be 1-256 characters of letters, digits and ._@+:|=-");
        }
        // exactly the members of the admin group: a group name equal to it, never one that merely contains it
        boolean admin = groups(claims.get("groups")).contains(adminGroup)
                || groups(claims.get("cognito:groups")).contains(adminGroup);
        return new Caller(subject, admin);
    }

    /**
     * The groups of a {@code groups} / {@code cognito:groups} claim as the function receives it: a JSON array of
     * strings ({@code ["admin","staff"]}) or API Gateway's rendering of an array claim, {@code [admin staff]}
     * (HTTP API payload 2.0 hands every claim over as a string; an array becomes its elements between brackets,
     * separated by one space; Cognito group names hold no whitespace, so the split is exact). Anything else (a plain
     * string such as {@code "admin"}, {@code "staff,admin"} or {@code "not admin"}) is not a list of groups, and
     * makes nobody an admin.
     */
    static Set<String> groups(String claim) {
        if (claim == null || claim.length() < 2 || !claim.startsWith("[") || !claim.endsWith("]")) {
            return Set.of();
        }
        String inside = claim.substring(1, claim.length() - 1);
        if (inside.isEmpty()) {
            return Set.of();
        }
        if (inside.startsWith("\"")) {
            return jsonArray(claim);
        }
        return Arrays.stream(inside.split(" ", -1)).filter(group -> !group.isEmpty()).collect(Collectors.toSet());
    }

    private static Set<String> jsonArray(String claim) {
        try {
            JsonNode array = JSON.readTree(claim);
            Set<String> groups = new HashSet<>();
            for (JsonNode group : array) {
                if (!group.isTextual()) {
                    return Set.of();
                }
                groups.add(group.textValue());
            }
            return groups;
        } catch (JsonProcessingException notJson) {
            return Set.of();
        }
    }
}
