package dev.ticketing.api.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as API Gateway's JWT authorizer hands it to the function after letting it through: the bearer token in
 * the {@code authorization} header and its claims rendered in {@code requestContext.authorizer.jwt.claims}. For the
 * API's own SnapStart priming requests (which no authorizer sees) and tests of {@link JwtClaims}; the token is signed
 * with a throwaway key, since the function never checks signatures (the authorizer does).
 */
public final class AuthorizedRequests {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthorizedRequests() {
    }

    /** Puts a token of {@code claims} in {@code event}'s headers and the claims, as API Gateway renders them, in its context. */
    public static APIGatewayV2HTTPEvent authorize(APIGatewayV2HTTPEvent event, JWTClaimsSet claims) {
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put("authorization", "Bearer " + sign(claims));
        event.setHeaders(headers);
        Map<String, String> rendered = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> rendered.put(name, apiGatewayForm(value)));
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext() == null
                ? new APIGatewayV2HTTPEvent.RequestContext() : event.getRequestContext();
        context.setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(rendered).build())
                .build());
        event.setRequestContext(context);
        return event;
    }

    /** {@code claims} as a compact JWS (HS256, a fresh random key). */
    public static String sign(JWTClaimsSet claims) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("throwaway").build(), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * A claim as API Gateway (HTTP API, payload 2.0) renders it: an array as its elements between brackets separated
     * by one space ({@code [a b]}), a time as its epoch seconds, anything else as its text.
     */
    static String apiGatewayForm(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        if (value instanceof Date date) {
            return Long.toString(date.getTime() / 1000);
        }
        return value == null ? null : String.valueOf(value);
    }
}
