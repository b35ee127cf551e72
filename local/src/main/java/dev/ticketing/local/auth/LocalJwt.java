package dev.ticketing.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stand-in for an identity provider and API Gateway's JWT authorizer: issues RS256 tokens
 * ({@code POST /dev/token}) and checks them as the authorizer does, with nimbus-jose-jwt's processor: a {@code kid}
 * of this key set (a token without one, or with another, is refused), RS256, the signature, the issuer, the
 * audience, {@code exp} and {@code nbf}, and an {@code iat} not in the future; each within {@link #CLOCK_SKEW}. It
 * hands the claims over in API Gateway's format, where an array claim is the string {@code "[a b]"} and a number its
 * digits. What the authorizer does not check ({@code sub} a string, the token's lifetime, the groups) the API
 * function checks itself ({@code JwtClaims}), in AWS as here.
 */
public final class LocalJwt {
    public static final String ISSUER = "https://ticketing.local/dev";
    public static final String AUDIENCE = "ticketing";
    /** The local stack's admin group (the template's default {@code AdminGroup}). */
    public static final String ADMIN_GROUP = "admin";
    /** The claim {@code POST /dev/token} puts an {@code organizerId} in. */
    public static final String ORGANIZER_CLAIM = "organizerId";
    /** How long an issued token lasts. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** How far clocks may disagree: the leeway of every time check. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final RSAKey key;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private LocalJwt(RSAKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        JWSKeySelector<SecurityContext> byKeyId = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
        // the authorizer finds the key by the token's kid: a token without one names no key (nimbus would try all)
        processor.setJWSKeySelector((header, context) ->
                header.getKeyID() == null ? List.of() : byKeyId.selectJWSKeys(header, context));
        processor.setJWTClaimsSetVerifier(new AuthorizerClaims(clock));
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
        return issue(userId, admin ? List.of(ADMIN_GROUP) : List.of());
    }

    /**
     * A token whose {@code groups} claim is {@code groups} as given: a list, as identity providers send groups, or
     * any other JSON value, to try what the API makes of a claim it should not trust (a plain string
     * {@code "staff,admin"}).
     */
    public String issue(String userId, Object groups) {
        return sign(claims(userId).claim("groups", groups).build());
    }

    /**
     * The claims of a token issued now for {@code userId}: issuer, audience, subject, {@code iat}, {@code exp}
     * ({@link #LIFETIME} later) and a {@code jti}. Add claims, or replace one, then {@link #sign} it.
     */
    public JWTClaimsSet.Builder claims(String userId) {
        Date now = Date.from(clock.instant());
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .issueTime(now)
                .expirationTime(Date.from(clock.instant().plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** {@code claims} signed with this key, its {@code kid} in the header. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key.getKeyID());
    }

    /** {@code claims} signed with this key, {@code keyId} (null: none) in the header as its {@code kid}. */
    public String sign(JWTClaimsSet claims, String keyId) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
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
            JWTClaimsSet claims = processor.process(authorization.substring(7).trim(), null);
            Map<String, String> asApiGateway = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> asApiGateway.put(name, apiGatewayForm(value)));
            return Optional.of(asApiGateway);
        } catch (ParseException | BadJOSEException | JOSEException refused) {
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

    /**
     * The claims API Gateway's JWT authorizer checks: issuer and audience exactly, {@code exp} required and not past,
     * {@code nbf} not ahead, and (nimbus does not) {@code iat} not ahead; with {@link #CLOCK_SKEW} and the stack's clock.
     */
    private static final class AuthorizerClaims extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final Clock clock;

        AuthorizerClaims(Clock clock) {
            // nimbus asks these sets whether they contain null: sets that allow the question (Set.of throws)
            super(new HashSet<>(List.of(AUDIENCE)), new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                    new HashSet<>(List.of("exp")), new HashSet<>());
            this.clock = clock;
            setMaxClockSkew(Math.toIntExact(CLOCK_SKEW.toSeconds()));
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            Date issued = claims.getIssueTime();
            if (issued != null && issued.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
                throw new BadJWTException("JWT issued in the future");
            }
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
