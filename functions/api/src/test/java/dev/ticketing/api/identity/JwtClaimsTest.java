package dev.ticketing.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.UnauthorizedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {
    @Test
    void theCallerIsTheSubjectAndAdminsComeFromEitherGroupsClaim() {
        assertThat(callerOf(event(Map.of("sub", "alice")))).isEqualTo(new Caller("alice", false));
        assertThat(callerOf(event(Map.of("sub", "ann", "groups", "[staff admin]"))).admin()).isTrue();
        assertThat(callerOf(event(Map.of("sub", "ann", "cognito:groups", "[\"admin\"]"))).admin()).isTrue();
        assertThat(callerOf(event(Map.of("sub", "ann", "groups", "[administrators]"))).admin()).isFalse();
    }

    @Test
    void adminsAreExactlyTheMembersOfTheAdminGroupGivenAsAnArray() {
        // API Gateway's rendering of ["staff","admin"], and the JSON form, in either claim
        for (String claim : new String[]{"[staff admin]", "[admin]", "[\"staff\",\"admin\"]", "[admin admin]"}) {
            assertThat(callerOf(event(Map.of("sub", "ann", "groups", claim))).admin()).as(claim).isTrue();
            assertThat(callerOf(event(Map.of("sub", "ann", "cognito:groups", claim))).admin()).as(claim).isTrue();
        }
        // a group whose name merely contains "admin", or a claim that is not a list of groups
        for (String claim : new String[]{"admin", "not admin", "staff,admin", "[not-admin]", "[staff,admin]",
                "[[admin]]", "[\"not admin\"]", "[\"[admin]\"]", "[\"staff,admin\"]", "[\"admin\"", "[\"admin\",1]",
                "[ADMIN]", "[admin ]x", "[]", "[", "", " [admin]"}) {
            assertThat(callerOf(event(Map.of("sub", "ann", "groups", claim))).admin()).as(claim).isFalse();
            assertThat(callerOf(event(Map.of("sub", "ann", "cognito:groups", claim))).admin()).as(claim).isFalse();
        }
    }

    @Test
    void noSubjectIsUnauthorized() {
        assertThatThrownBy(() -> callerOf(event(Map.of()))).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> callerOf(new APIGatewayV2HTTPEvent())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aSubjectTooLongOrWithTheKeySeparatorIsUnauthorized() {
        assertThat(callerOf(event(Map.of("sub", "auth0|5f7c8ec7c33c6c004bbafe82"))).userId())
                .isEqualTo("auth0|5f7c8ec7c33c6c004bbafe82");
        assertThat(callerOf(event(Map.of("sub", "x".repeat(256)))).userId()).hasSize(256);
        for (String bad : new String[]{"x".repeat(3_000), "alice#payments", "bob smith", "€".repeat(10)}) {
            assertThatThrownBy(() -> callerOf(event(Map.of("sub", bad))))
                    .as(bad).isInstanceOf(UnauthorizedException.class);
        }
    }

    private static APIGatewayV2HTTPEvent event(Map<String, String> claims) {
        return APIGatewayV2HTTPEvent.builder().withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                        .build())
                .build()).build();
    }

    @Test
    void theAdminGroupIsTheConfiguredOneAndNoOther() {
        APIGatewayV2HTTPEvent admins = event(Map.of("sub", "ann", "cognito:groups", "[ticketing-admins staff]"));
        APIGatewayV2HTTPEvent defaultAdmins = event(Map.of("sub", "ann", "groups", "[\"admin\"]"));

        assertThat(JwtClaims.callerOf(admins, "ticketing-admins").admin()).isTrue();
        assertThat(JwtClaims.callerOf(defaultAdmins, "ticketing-admins").admin()).isFalse();
        assertThat(JwtClaims.callerOf(admins, "admin").admin()).isFalse();
    }

    /** With the default admin group. */
    private static Caller callerOf(APIGatewayV2HTTPEvent event) {
        return JwtClaims.callerOf(event, "admin");
    }
}
