package dev.ticketing.api.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.config.IdentityConfig;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.UnauthorizedException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The caller of a request that API Gateway's JWT authorizer let through. The authorizer has checked the token's
 * signature (by its {@code kid}), issuer, audience, {@code exp}, {@code nbf} and {@code iat}, and hands its claims over
 * in {@code requestContext.authorizer.jwt.claims}, every one rendered as a string: a number as its digits, an array
 * as {@code [a b]}. That rendering loses what a claim was: {@code 12345} and {@code "12345"}, the array
 * {@code ["admin"]} and the string {@code "[admin]"}, {@code ["team admin"]} and {@code ["team","admin"]} all read the
 * same. So this reads the token itself, from the {@code Authorization} header the authorizer checked (nimbus-jose-jwt
 * parses it; the signature is the authorizer's to check, this function has no keys), after making sure it is that
 * token: its {@code sub}, {@code iss}, {@code iat} and {@code exp} must be those of the authorizer's claims. Then it
 * adds the checks the authorizer does not make:
 * <ul>
 *   <li>{@code sub} is a JSON string of 1-256 characters of {@code [A-Za-z0-9._@+:|=-]} (it becomes part of keys);</li>
 *   <li>{@code iat} is there and not ahead of this function's clock by more than the allowed skew;</li>
 *   <li>{@code exp - iat} is at most the maximum lifetime ({@link IdentityConfig});</li>
 *   <li>roles come from the {@code groups} and {@code cognito:groups} claims only when they are JSON arrays of
 *       strings, each name matched exactly: {@code ["team admin"]}, {@code ["admin "]} or the string
 *       {@code "[admin]"} make nobody an admin;</li>
 *   <li>the organisation the caller acts for is the configured organiser claim's value when the token has it (a
 *       JSON string of 1-256 characters of {@code [A-Za-z0-9._@+:|=-]}, as the subject); none otherwise, and the user
 *       organises as themself ({@link IdentityConfig#organizerClaim}, {@link Caller#organizerId}).</li>
 * </ul>
 * Each failed check is a 401: the token is not one this API accepts.
 */
public final class JwtClaims {
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@+:|=-]{1,256}");
    private static final List<String> GROUP_CLAIMS = List.of("groups", "cognito:groups");
    /** The claims that tie the header's token to the one the authorizer verified. */
    private static final List<String> BINDING_CLAIMS = List.of("sub", "iss", "iat", "exp");

    private JwtClaims() {
    }

    /**
     * The caller of {@code event}, checked at {@code now}.
     *
     * @throws UnauthorizedException no verified claims or no bearer token; a header token that is not the one the
     *                               authorizer verified; a {@code sub} that is no string or not 1-256 characters of
     *                               {@code [A-Za-z0-9._@+:|=-]}; no {@code iat}, or one in the future; a lifetime
     *                               over the maximum; an organiser claim that is there but no such string
     */
    public static Caller callerOf(APIGatewayV2HTTPEvent event, IdentityConfig identity, Instant now) {
        Map<String, String> verified = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        if (verified.isEmpty()) {
            throw new UnauthorizedException("A bearer token is required");
        }
        SignedJWT token = bearerToken(event.getHeaders());
        Map<String, Object> claims;
        JWTClaimsSet typed;
        try {
            claims = token.getPayload().toJSONObject();
            typed = token.getJWTClaimsSet();
        } catch (ParseException notClaims) {
            throw new UnauthorizedException("The bearer token's claims cannot be read");
        }
        if (claims == null) {
            throw new UnauthorizedException("The bearer token's claims cannot be read");
        }
        for (String name : BINDING_CLAIMS) {
            if (!Objects.equals(AuthorizedRequests.apiGatewayForm(typed.getClaim(name)), verified.get(name))) {
                throw new UnauthorizedException("The bearer token is not the one the authorizer verified");
            }
        }
        if (!(claims.get("sub") instanceof String subject) || !SUBJECT.matcher(subject).matches()) {
            // the subject becomes part of keys: bounded, and without the key separator '#'
            throw new UnauthorizedException(
                    "The token's subject must be a string of 1-256 letters, digits and ._@+:|=-");
        }
        Date issued = typed.getIssueTime();
        Date expires = typed.getExpirationTime();
        if (issued == null || expires == null) {
            throw new UnauthorizedException("The token must say when it was issued (iat) and when it expires (exp)");
        }
        if (issued.toInstant().isAfter(now.plus(identity.clockSkew()))) {
            throw new UnauthorizedException("The token was issued in the future (iat)");
        }
        if (Duration.between(issued.toInstant(), expires.toInstant()).compareTo(identity.maxTokenLifetime()) > 0) {
            throw new UnauthorizedException("The token lives longer than " + identity.maxTokenLifetime()
                    + " (exp - iat)");
        }
        return new Caller(subject, roles(claims, identity), organizerOf(claims, identity));
    }

    /**
     * The value of the configured organiser claim, null (the user organises as themself) when none is configured or
     * the token has none. One that is there but malformed is refused rather than ignored: the caller would silently
     * organise as themself, not as the organisation the identity provider named.
     */
    static String organizerOf(Map<String, Object> claims, IdentityConfig identity) {
        if (!identity.organizerFromClaim() || !claims.containsKey(identity.organizerClaim())) {
            return null;
        }
        if (!(claims.get(identity.organizerClaim()) instanceof String organizer) || !SUBJECT.matcher(organizer).matches()) {
            // the organiser id is stored on events and compared exactly: bounded, no separators
            throw new UnauthorizedException("The token's " + identity.organizerClaim()
                    + " claim must be a string of 1-256 letters, digits and ._@+:|=-");
        }
        return organizer;
    }

    /** The roles of the groups named in the token's group claims, each matched exactly. */
    static Set<Caller.Role> roles(Map<String, Object> claims, IdentityConfig identity) {
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        for (String claim : GROUP_CLAIMS) {
            for (String group : groups(claims.get(claim))) {
                if (group.equals(identity.adminGroup())) {
                    roles.add(Caller.Role.ADMIN);
                } else if (group.equals(IdentityConfig.ORGANIZER_GROUP)) {
                    roles.add(Caller.Role.ORGANIZER);
                } else if (group.equals(IdentityConfig.STAFF_GROUP)) {
                    roles.add(Caller.Role.STAFF);
                }
            }
        }
        return roles;
    }

    /**
     * The group names of a claim that is a JSON array of strings; any other value (a string, even {@code "[admin]"},
     * an object, an array holding anything but strings) names no group.
     */
    private static List<String> groups(Object claim) {
        if (!(claim instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            return List.of();
        }
        return list.stream().map(String.class::cast).toList();
    }

    /**
     * The one bearer token of the {@code Authorization} header (API Gateway lower-cases header names, and joins a
     * repeated header's values with commas, which no compact JWT contains).
     */
    private static SignedJWT bearerToken(Map<String, String> headers) {
        String authorization = headers == null ? null : headers.get("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("A bearer token is required");
        }
        String token = authorization.substring(7).trim();
        if (token.contains(",") || token.contains(" ")) {
            throw new UnauthorizedException("Exactly one bearer token is required");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException notSigned) {
            throw new UnauthorizedException("The bearer token is not a signed JWT");
        }
    }
}
