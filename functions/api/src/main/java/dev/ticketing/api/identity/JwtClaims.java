package dev.ticketing.api.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.UnauthorizedException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller as API Gateway's JWT authorizer hands it over: the token was verified before the function ran, and
 * its claims are in {@code requestContext.authorizer.jwt.claims}. API Gateway renders array claims as strings
 * such as {@code "[admin staff]"}; a JSON-style {@code ["admin","staff"]} is read too.
 */
public final class JwtClaims {
    static final String ADMIN_GROUP = "admin";
    private static final java.util.regex.Pattern SUBJECT = java.util.regex.Pattern.compile("[A-Za-z0-9._@+:|=-]{1,256}");

    private JwtClaims() {
    }

    public static Caller callerOf(APIGatewayV2HTTPEvent event) {
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
        boolean admin = groups(claims.get("groups")).contains(ADMIN_GROUP)
                || groups(claims.get("cognito:groups")).contains(ADMIN_GROUP);
        return new Caller(subject, admin);
    }

    static Set<String> groups(String claim) {
        if (claim == null) {
            return Set.of();
        }
        return Arrays.stream(claim.replaceAll("[\\[\\]\"]", " ").split("[,\\s]+"))
                .filter(group -> !group.isBlank())
                .collect(Collectors.toSet());
    }
}
