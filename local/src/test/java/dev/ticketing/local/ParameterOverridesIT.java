package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A template parameter set on the command line, as {@code sam deploy --parameter-overrides} sets it in AWS, reaches
 * the functions of the local stack: here PaymentGrace, which no flag of its own sets.
 */
class ParameterOverridesIT {
    private static LocalSystem stack;
    private static PaymentsApi payments;

    @BeforeAll
    static void start() throws Exception {
        LocalOptions options = LocalOptions.parse(new String[]{"--in-memory", "--no-demo", "--port", "0",
                "--dynamodb-port", "0", "--sqs-port", "0", "--parameter-overrides", "PaymentGrace=PT3M", "HoldDuration=PT4M"},
                name -> null);
        stack = LocalSystem.start(options);
        payments = new PaymentsApi(new Api(stack), stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void startingAPaymentExtendsTheHoldByTheOverriddenGrace() {
        Api api = payments.api();
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-1");
        JsonNode hold = payments.hold(holdId, alice);
        Instant before = Instant.parse(hold.get("expiresAt").asText());
        assertThat(Duration.between(Instant.parse(hold.get("createdAt").asText()), before)).as("HoldDuration=PT4M")
                .isEqualTo(Duration.ofMinutes(4));

        payments.startPayPal(holdId, alice);

        assertThat(Instant.parse(payments.hold(holdId, alice).get("expiresAt").asText()))
                .isEqualTo(before.plus(Duration.ofMinutes(3)));
    }
}
