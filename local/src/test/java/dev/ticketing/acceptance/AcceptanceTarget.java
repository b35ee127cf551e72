package dev.ticketing.acceptance;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Which deployment the acceptance tests talk to, from system properties or environment variables:
 * <ul>
 *   <li>{@code ticketing.baseUrl} / {@code TICKETING_BASE_URL}: the API's base URL (a deployed stack's {@code ApiUrl}
 *       output); absent, the embedded local stack with its dev tokens;</li>
 *   <li>{@code ticketing.tokenCommand} / {@code TICKETING_TOKEN_COMMAND}: a command that prints a JWT for a user,
 *       called as {@code <command> <userId> <admin: true|false>} (e.g. a script around Cognito's
 *       {@code admin-initiate-auth}); or else fixed tokens</li>
 *   <li>{@code ticketing.aliceToken}, {@code ticketing.bobToken}, {@code ticketing.adminToken} /
 *       {@code TICKETING_ALICE_TOKEN}, {@code TICKETING_BOB_TOKEN}, {@code TICKETING_ADMIN_TOKEN}: one token per
 *       user the tests use (an admin's token carries the group {@code admin}).</li>
 * </ul>
 */
final class AcceptanceTarget {
    private AcceptanceTarget() {
    }

    static Api fromEnvironment() {
        return fromSettings(AcceptanceTarget::setting);
    }

    static Api fromSettings(UnaryOperator<String> settings) {
        Optional<String> baseUrl = Optional.ofNullable(settings.apply("baseUrl")).filter(url -> !url.isBlank());
        if (baseUrl.isEmpty()) {
            return TestStack.api();
        }
        String command = settings.apply("tokenCommand");
        Api.Tokens tokens = command != null && !command.isBlank() ? commandTokens(command) : fixedTokens(settings);
        return new Api(URI.create(baseUrl.get()), tokens);
    }

    /** {@code ticketing.<name>} as a system property, else {@code TICKETING_<NAME>} from the environment. */
    static String setting(String name) {
        String property = System.getProperty("ticketing." + name);
        if (property != null) {
            return property;
        }
        return System.getenv(environmentName(name));
    }

    /** {@code aliceToken} -> {@code TICKETING_ALICE_TOKEN}. */
    static String environmentName(String name) {
        return "TICKETING_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private static Api.Tokens fixedTokens(UnaryOperator<String> settings) {
        return (userId, admin) -> {
            String who = admin ? "admin" : userId.substring(0, userId.indexOf('-') < 0 ? userId.length() : userId.indexOf('-'));
            String token = settings.apply(who + "Token");
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("no token for " + who + ": set ticketing." + who + "Token (or TICKETING_"
                        + who.toUpperCase(java.util.Locale.ROOT) + "_TOKEN), or ticketing.tokenCommand");
            }
            return token.trim();
        };
    }

    private static Api.Tokens commandTokens(String command) {
        return (userId, admin) -> {
            try {
                Process process = new ProcessBuilder("sh", "-c", command + " \"$0\" \"$1\"", userId, Boolean.toString(admin))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || token.isEmpty()) {
                    throw new IllegalStateException("the token command printed no token for " + userId);
                }
                return token;
            } catch (IOException e) {
                throw new IllegalStateException("cannot run the token command", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }
}
