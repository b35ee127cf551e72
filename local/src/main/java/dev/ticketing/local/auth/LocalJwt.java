package dev.ticketing.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stand-in for an identity provider and API Gateway's JWT authorizer: issues RS256 tokens
 * ({@code POST /dev/token}) and checks them as the authorizer does (signature, issuer, audience, expiry), handing
 * the claims over in API Gateway's format, where an array claim is the string {@code "[a b]"}.
 */
public final class LocalJwt {
    public static final String ISSUER = "https://ticketing.local/dev";
    public static final String AUDIENCE = "ticketing";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final RSAKey key;
    private final RSASSAVerifier verifier;
    private final Clock clock;

    private LocalJwt(RSAKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        try {
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signing key kept in {@code keyFile} so tokens survive a restart, or a fresh one when it is null. */
    public static LocalJwt create(Path keyFile, Clock clock) {
        try {
            if (keyFile != null && Files.exists(keyFile)) {
                return new LocalJwt(RSAKey.parse(Files.readString(keyFile)), clock);
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            if (keyFile != null) {
                Files.createDirectories(keyFile.getParent());
                Files.writeString(keyFile, key.toJSONString());
            }
            return new LocalJwt(key, clock);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot set up the local token key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issue(String userId, boolean admin) {
        return issue(userId, admin ? List.of("admin") : List.of());
    }

    /**
     * A token whose {@code groups} claim is {@code groups} as given: a list, as identity providers send groups, or
     * any other JSON value, to try what the API makes of a claim it should not trust (a plain string
     * {@code "staff,admin"}).
     */
    public String issue(String userId, Object groups) {
        Date now = Date.from(clock.instant());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .issueTime(now)
                .expirationTime(Date.from(clock.instant().plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("groups", groups)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The claims of a valid {@code Authorization: Bearer} header, as API Gateway passes them; empty if invalid. */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7).trim());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date now = Date.from(clock.instant());
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null
                    || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)
                    || claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)) {
                return Optional.empty();
            }
            Map<String, String> asApiGateway = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> asApiGateway.put(name, apiGatewayForm(value)));
            return Optional.of(asApiGateway);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    private static String apiGatewayForm(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        if (value instanceof Date date) {
            return Long.toString(date.getTime() / 1000);
        }
        return String.valueOf(value);
    }
}
