package dev.ticketing.endtoend.holds;

import dev.ticketing.holds.items.ExpiryIndex;
import dev.ticketing.holds.model.SweepReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweeper as the local stack schedules it (every 200 ms here), alone: holds last 10 minutes of the stack's
 * clock, which the test moves on, while DynamoDB TTL goes by real time and so cannot delete their leases.
 */
class HoldSweepIT {
    private static final Duration HOLD = Duration.ofMinutes(10);
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static ExpiryStack stack;

    @BeforeAll
    static void start() {
        stack = ExpiryStack.start(HOLD, Duration.ofMillis(200));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theScheduledSweeperEndsAnExpiredHoldWithoutAnyoneCallingTheApi() {
        String event = stack.createEvent(2, 5);
        String hold = stack.hold(event, stack.user("alice"), "1-1", "1-2", "1-3");

        stack.clock.advance(HOLD.plusSeconds(1));

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(stack.holdStatus(hold)).isEqualTo("EXPIRED");
            assertThat(stack.ticketStatuses(hold).values()).hasSize(3).containsOnly("CANCELLED");
        });
        for (String seat : new String[]{"1-1", "1-2", "1-3"}) {
            assertThat(stack.seatState(event, seat)).isEqualTo("AVAILABLE by null");
        }
        assertThat(stack.leaseExists(hold)).isFalse();
        assertThat(stack.meta(hold)).doesNotContainKey(ExpiryIndex.SHARD);
    }

    @Test
    void aHoldStillInItsTimeIsLeftAlone() {
        String event = stack.createEvent(2, 5);
        String hold = stack.hold(event, stack.user("alice"), "2-1");
        var before = stack.snapshot(hold, event, "2-1");

        SweepReport report = stack.sweep();

        assertThat(report.failed()).isZero();
        assertThat(stack.snapshot(hold, event, "2-1")).isEqualTo(before);
        assertThat(stack.holdStatus(hold)).isEqualTo("ACTIVE");
    }
}
