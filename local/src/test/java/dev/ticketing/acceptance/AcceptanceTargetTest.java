package dev.ticketing.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.local.testing.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptanceTargetTest {
    @Test
    void aBaseUrlWithFixedTokensGivesEachUserItsToken() {
        Map<String, String> settings = Map.of("baseUrl", "https://abc.execute-api.eu-west-1.amazonaws.com",
                "aliceToken", "a.b.c", "bobToken", "d.e.f", "adminToken", "g.h.i");

        Api api = AcceptanceTarget.fromSettings(settings::get);

        assertThat(api.baseUrl()).hasToString("https://abc.execute-api.eu-west-1.amazonaws.com");
        assertThat(api.newUser("alice")).isEqualTo("a.b.c");
        assertThat(api.newUser("bob")).isEqualTo("d.e.f");
        assertThat(api.admin()).isEqualTo("g.h.i");
        assertThatThrownBy(() -> api.newUser("carol")).hasMessageContaining("ticketing.carolToken");
    }

    @Test
    void aTokenCommandIsAskedForEachUser() {
        Map<String, String> settings = Map.of("baseUrl", "https://example.test/stage", "tokenCommand", "printf 'jwt-%s-%s'");

        Api api = AcceptanceTarget.fromSettings(settings::get);

        assertThat(api.newUser("alice")).startsWith("jwt-alice-").endsWith("-false");
        assertThat(api.admin()).startsWith("jwt-admin-").endsWith("-true");
    }

    @Test
    void environmentVariableNamesAreTheSettingsInCapitals() {
        assertThat(AcceptanceTarget.environmentName("baseUrl")).isEqualTo("TICKETING_BASE_URL");
        assertThat(AcceptanceTarget.environmentName("aliceToken")).isEqualTo("TICKETING_ALICE_TOKEN");
        assertThat(AcceptanceTarget.environmentName("tokenCommand")).isEqualTo("TICKETING_TOKEN_COMMAND");
    }
}
