package dev.ticketing.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ticketing.config.IdentityConfig;
import dev.ticketing.identity.Caller;
import dev.ticketing.identity.Caller.Role;
import dev.ticketing.problems.UnauthorizedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    private static final IdentityConfig DEFAULTS = new IdentityConfig("admin");

    @Test
    void theCallerIsTheSubjectWithTheRolesOfItsGroups() {
        assertThat(callerOf(claims("alice"))).isEqualTo(new Caller("alice", false));
        assertThat(callerOf(claims("ann").claim("groups", List.of("staff", "admin"))).roles())
                .isEqualTo(Set.of(Role.ADMIN, Role.STAFF));
        assertThat(callerOf(claims("ann").claim("cognito:groups", List.of("admin"))).admin()).isTrue();
        assertThat(callerOf(claims("olga").claim("groups", List.of("organizer"))).roles()).isEqualTo(Set.of(Role.ORGANIZER));
        assertThat(callerOf(claims("sam").claim("cognito:groups", List.of("staff"))).staff()).isTrue();
        assertThat(callerOf(claims("ann").claim("groups", List.of("administrators"))).roles()).isEmpty();
    }

    /** Issue 21: each of these made an admin when API Gateway's "[a b]" rendering was split on spaces. */
    @Test
    void aGroupNameIsMatchedExactlyAndOnlyAJsonArrayOfStringsNamesGroups() {
        List<Object> notAdmin = List.of(List.of("team admin"), List.of("not admin"), List.of("readonly admin"),
                List.of("admin "), List.of(" admin"), "[admin]", "admin", "staff,admin", "[staff admin]", List.of("ADMIN"),
                List.of("[admin]"), List.of(List.of("admin")), List.of("admin", 1), Map.of("admin", true), true, 1);
        for (Object groups : notAdmin) {
            for (String claim : new String[]{"groups", "cognito:groups"}) {
                Caller caller = callerOf(claims("mallory").claim(claim, groups));
                assertThat(caller.admin()).as("%s %s", claim, groups).isFalse();
                assertThat(caller.roles()).as("%s %s", claim, groups).isEmpty();
            }
        }
        assertThat(callerOf(claims("ann").claim("groups", List.of("team admin", "admin"))).admin()).isTrue();
    }

    @Test
    void theAdminGroupIsTheConfiguredOneAndNoOther() {
        IdentityConfig custom = new IdentityConfig("ticketing-admins");
        JWTClaimsSet.Builder admins = claims("ann").claim("cognito:groups", List.of("ticketing-admins", "staff"));

        assertThat(JwtClaims.callerOf(event(admins.build()), custom, NOW).admin()).isTrue();
        assertThat(JwtClaims.callerOf(event(claims("ann").claim("groups", List.of("admin")).build()), custom, NOW).admin())
                .isFalse();
        assertThat(callerOf(admins).admin()).isFalse();
    }

    /** Issue 21: the organiser is the configured claim's value when the token has it, the user otherwise. */
    @Test
    void theOrganiserIsTheConfiguredClaimsValueOrTheUser() {
        IdentityConfig byOrganisation = new IdentityConfig("admin", Duration.ofHours(24), Duration.ofSeconds(60), "org_id");
        JWTClaimsSet member = claims("olga").claim("groups", List.of("organizer")).claim("org_id", "org-1")
                .claim("organizerId", "org-2").build();

        assertThat(JwtClaims.callerOf(event(member), byOrganisation, NOW).organizerId()).isEqualTo("organization#org-1");
        assertThat(JwtClaims.callerOf(event(claims("olga").build()), byOrganisation, NOW).organizerId())
                .isEqualTo("user#olga");
        // no claim configured: every organiser is the user, whatever the token says
        assertThat(JwtClaims.callerOf(event(member), DEFAULTS, NOW).organizerId()).isEqualTo("user#olga");
        // a user named like an organisation is not it
        assertThat(JwtClaims.callerOf(event(claims("org-1").build()), byOrganisation, NOW).organizerId())
                .isNotEqualTo("organization#org-1");
        for (Object bad : new Object[]{7, List.of("org-1"), "org#1", "", "x".repeat(257)}) {
            assertThatThrownBy(() -> JwtClaims.callerOf(event(claims("olga").claim("org_id", bad).build()),
                    byOrganisation, NOW)).as("%s", bad).isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("org_id claim");
        }
    }

    /** Issue 24: what API Gateway's authorizer lets through and the function refuses. */
    @Test
    void aNumericSubjectATokenFromTheFutureOrOneThatLivesTooLongIsUnauthorized() {
        assertUnauthorized(claims("alice").claim("sub", 12345), "subject must be a string");
        assertUnauthorized(claims("alice").issueTime(at(NOW.plus(Duration.ofDays(1))))
                .expirationTime(at(NOW.plus(Duration.ofDays(1).plusHours(1)))), "issued in the future");
        assertUnauthorized(claims("alice").expirationTime(at(NOW.plus(Duration.ofDays(3650)))), "lives longer than PT24H");
        assertUnauthorized(claims("alice").issueTime(null), "when it was issued");
        // within the clock skew, and exactly the longest lifetime, are fine
        assertThat(callerOf(claims("alice").issueTime(at(NOW.plusSeconds(60)))
                .expirationTime(at(NOW.plusSeconds(60).plus(Duration.ofHours(24))))).userId()).isEqualTo("alice");
        assertUnauthorized(claims("alice").issueTime(at(NOW.plusSeconds(61))), "issued in the future");
    }

    @Test
    void aSubjectTooLongOrWithTheKeySeparatorIsUnauthorized() {
        assertThat(callerOf(claims("auth0|5f7c8ec7c33c6c004bbafe82")).userId()).isEqualTo("auth0|5f7c8ec7c33c6c004bbafe82");
        assertThat(callerOf(claims("x".repeat(256))).userId()).hasSize(256);
        for (String bad : new String[]{"x".repeat(3_000), "alice#payments", "bob smith", "\u20ac".repeat(10), ""}) {
            assertUnauthorized(claims(bad), "subject");
        }
    }

    @Test
    void theHeadersTokenMustBeTheOneTheAuthorizerVerified() {
        APIGatewayV2HTTPEvent verifiedForAlice = event(claims("alice").build());
        APIGatewayV2HTTPEvent forged = event(claims("mallory").claim("groups", List.of("admin")).build());
        // alice's verified claims, mallory's admin token in the header
        verifiedForAlice.setHeaders(forged.getHeaders());
        assertThatThrownBy(() -> JwtClaims.callerOf(verifiedForAlice, DEFAULTS, NOW))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("not the one the authorizer verified");

        APIGatewayV2HTTPEvent twoTokens = event(claims("alice").build());
        Map<String, String> headers = new HashMap<>(twoTokens.getHeaders());
        headers.put("authorization", headers.get("authorization") + ",Bearer " + AuthorizedRequests.sign(claims("alice").build()));
        twoTokens.setHeaders(headers);
        assertThatThrownBy(() -> JwtClaims.callerOf(twoTokens, DEFAULTS, NOW)).isInstanceOf(UnauthorizedException.class);

        APIGatewayV2HTTPEvent noHeader = event(claims("alice").build());
        noHeader.setHeaders(Map.of());
        assertThatThrownBy(() -> JwtClaims.callerOf(noHeader, DEFAULTS, NOW)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> JwtClaims.callerOf(new APIGatewayV2HTTPEvent(), DEFAULTS, NOW))
                .isInstanceOf(UnauthorizedException.class);
    }

    /** The claims of a token issued at NOW for an hour, for {@code subject}. */
    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().issuer("https://issuer.example").audience("ticketing").subject(subject)
                .issueTime(at(NOW)).expirationTime(at(NOW.plus(Duration.ofHours(1))));
    }

    private static Date at(Instant instant) {
        return Date.from(instant);
    }

    private static APIGatewayV2HTTPEvent event(JWTClaimsSet claims) {
        return AuthorizedRequests.authorize(new APIGatewayV2HTTPEvent(), claims);
    }

    private static Caller callerOf(JWTClaimsSet.Builder claims) {
        return JwtClaims.callerOf(event(claims.build()), DEFAULTS, NOW);
    }

    private static void assertUnauthorized(JWTClaimsSet.Builder claims, String why) {
        assertThatThrownBy(() -> callerOf(claims)).as(why).isInstanceOf(UnauthorizedException.class).hasMessageContaining(why);
    }
}
