package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A hold that really runs out (2 seconds) on a stack whose triggers run as in AWS: nobody calls the API after the
 * hold, yet its tickets end CANCELLED and its seats AVAILABLE in storage. (Locally it is the sweeper that does it:
 * DynamoDB Local does not TTL-delete items of a table with a GSI; the stream path is covered by HoldExpiryIT and
 * DynamoDbStreamReaderIT.)
 */
class HoldExpiryEndToEndIT {
    private static final Duration HOLD = Duration.ofSeconds(2);

    @Test
    void anExpiredHoldsTicketsAreCancelledWithinTheDeadlineWithoutAnyoneCallingTheApi() {
        Duration sweepInterval = Duration.ofMillis(500);
        try (ExpiryStack stack = ExpiryStack.start(HOLD, sweepInterval)) {
            String event = stack.createEvent(2, 4);
            String alice = stack.user("alice");
            String hold = stack.hold(event, alice, "1-1", "1-2");
            Instant expiresAt = Instant.parse(stack.getHold(hold, alice).get("expiresAt").asText());

            await().atMost(HOLD.plus(sweepInterval).plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> stack.ticketStatuses(hold).values().stream().allMatch("CANCELLED"::equals));

            assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
            assertThat(stack.holdStatus(hold)).isEqualTo("EXPIRED");
            assertThat(stack.seatState(event, "1-1")).isEqualTo("AVAILABLE by null");
            assertThat(stack.seatState(event, "1-2")).isEqualTo("AVAILABLE by null");
            assertThat(stack.leaseExists(hold)).isFalse();
            assertThat(stack.getHold(hold, alice).get("tickets").findValuesAsText("status")).containsOnly("CANCELLED");
        }
    }
}
