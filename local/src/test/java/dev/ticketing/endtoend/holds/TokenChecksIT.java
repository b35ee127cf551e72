package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.auth.LocalJwt;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens as a hostile client makes them (issue 24 item 3), and group claims that only look like the admin group
 * (issue 21): each is refused, 401 or 403 with a problem, and nothing is written.
 */
class TokenChecksIT {
    private static final Map<String, Object> EVENT = Map.of("name", "Nope", "date", "2027-01-01T20:00:00Z", "rows", 1,
            "columns", 1, "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 1, "price", "1.00")));

    private final Api api = TestStack.api();
    private final LocalSystem stack = TestStack.get();
    private final LocalJwt tokens = stack.tokens();

    @Test
    void aTokenFromTheFutureTooLongANumericSubjectOrAnUnknownKeyIsUnauthorized() {
        String event = api.createEvent(1, 2);
        Instant now = TestStack.clock().instant();
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("iat a day ahead", tokens.sign(claims()
                .issueTime(Date.from(now.plus(Duration.ofDays(1))))
                .expirationTime(Date.from(now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)))).build()));
        hostile.put("exp ten years ahead", tokens.sign(claims()
                .expirationTime(Date.from(now.plus(Duration.ofDays(3650)))).build()));
        hostile.put("numeric sub", tokens.sign(claims().claim("sub", 12345).build()));
        hostile.put("unknown kid", tokens.sign(claims().build(), "unknown-" + UUID.randomUUID()));
        hostile.put("no kid", tokens.sign(claims().build(), null));
        hostile.put("no iat", tokens.sign(claims().issueTime(null).build()));
        hostile.put("admin, iat a day ahead", tokens.sign(claims().claim("groups", List.of("admin"))
                .issueTime(Date.from(now.plus(Duration.ofDays(1)))).build()));

        hostile.forEach((what, token) -> {
            Api.Response hold = api.hold(event, token, "1-1");
            assertThat(hold.status()).as("%s: %s", what, hold).isEqualTo(401);
            assertThat(hold.contentType()).as(what).isEqualTo("application/problem+json");
            assertThat(api.get("/me/holds", token).status()).as(what).isEqualTo(401);
        });
        assertThat(api.post("/events", hostile.get("admin, iat a day ahead"), EVENT).status()).isEqualTo(401);
        assertThat(api.seatStatuses(event, api.newUser("bob"))).containsEntry("1-1", "AVAILABLE");
        // the same claims, well made, are taken
        assertThat(api.hold(event, tokens.sign(claims().build()), "1-2").status()).isEqualTo(201);
    }

    @Test
    void groupsThatOnlyLookLikeTheAdminGroupCreateNoEvent() {
        int before = api.allEvents(null).size();
        List<Object> lookalikes = List.of(List.of("team admin"), List.of("not admin"), List.of("readonly admin"),
                List.of("admin "), "[admin]", List.of("[admin]"), "admin", List.of("ADMIN"), Map.of("admin", true));

        for (Object groups : lookalikes) {
            for (String claim : new String[]{"groups", "cognito:groups"}) {
                Api.Response refused = api.post("/events", tokens.sign(claims().claim(claim, groups).build()), EVENT);
                assertThat(refused.status()).as("%s %s: %s", claim, groups, refused).isEqualTo(403);
                assertThat(refused.contentType()).isEqualTo("application/problem+json");
            }
        }
        assertThat(api.allEvents(null).size()).isEqualTo(before);
        assertThat(api.post("/events", tokens.sign(claims().claim("cognito:groups", List.of("team admin", "admin")).build()),
                EVENT).status()).isEqualTo(201);
    }

    @Test
    void devTokenTakesGroupsAndAnOrganizerId() {
        Api.Response token = api.post("/dev/token", null, Map.of("userId", "olga", "groups", List.of("organizer", "staff"),
                "organizerId", "org-7"));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        JWTClaimsSet claims = claimsOf(token.json().get("token").asText());
        assertThat(claims.getClaim("groups")).isEqualTo(List.of("organizer", "staff"));
        assertThat(claims.getClaim("organizerId")).isEqualTo("org-7");

        String teamAdmin = api.post("/dev/token", null, Map.of("userId", "tess", "groups", List.of("team admin")))
                .json().get("token").asText();
        assertThat(api.post("/events", teamAdmin, EVENT).status()).isEqualTo(403);
        String admin = api.post("/dev/token", null, Map.of("userId", "ada", "admin", true, "groups", List.of("staff")))
                .json().get("token").asText();
        assertThat(claimsOf(admin).getClaim("groups")).isEqualTo(List.of("staff", "admin"));
        assertThat(api.post("/events", admin, EVENT).status()).isEqualTo(201);

        for (Map<String, Object> bad : List.of(Map.<String, Object>of("userId", "x", "groups", "admin"),
                Map.<String, Object>of("userId", "x", "groups", List.of(1)),
                Map.<String, Object>of("userId", "x", "groups", List.of("")),
                Map.<String, Object>of("userId", "x", "organizerId", 7),
                Map.<String, Object>of("userId", "x", "organizerId", "org#7"))) {
            Api.Response refused = api.post("/dev/token", null, bad);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
        }
    }

    /** A well-made token's claims for a fresh user, issued now by the stack's key. */
    private JWTClaimsSet.Builder claims() {
        return tokens.claims("user-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static JWTClaimsSet claimsOf(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
