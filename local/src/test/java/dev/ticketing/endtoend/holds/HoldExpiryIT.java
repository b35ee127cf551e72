package dev.ticketing.endtoend.holds;

import dev.ticketing.holds.items.ExpiryIndex;
import dev.ticketing.holds.model.SweepReport;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expiry cleanup driven by hand: the functions invoked with the sample events of events/, on a stack whose own
 * sweeper is idle (hourly) and whose 10-minute holds DynamoDB TTL cannot delete during the test, so whatever
 * changes is what the invocation did.
 */
class HoldExpiryIT {
    private static final Duration HOLD = Duration.ofMinutes(10);
    private static ExpiryStack stack;

    @BeforeAll
    static void start() {
        stack = ExpiryStack.start(HOLD, Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theTtlDeletionOfAnExpiredHoldsLeaseEndsTheHold() {
        String event = stack.createEvent(3, 4);
        String hold = stack.hold(event, stack.user("alice"), "1-1", "1-2");
        assertThat(stack.meta(hold)).containsKey(ExpiryIndex.SHARD);
        stack.clock.advance(HOLD.plusSeconds(1));

        StreamsEventResponse answer = stack.invokeStream(ExpiryStack.ttlRemovalOf(hold));

        assertThat(answer.getBatchItemFailures()).isEmpty();
        assertThat(stack.holdStatus(hold)).isEqualTo("EXPIRED");
        assertThat(stack.ticketStatuses(hold).values()).hasSize(2).containsOnly("CANCELLED");
        assertThat(stack.seatState(event, "1-1")).isEqualTo("AVAILABLE by null");
        assertThat(stack.seatState(event, "1-2")).isEqualTo("AVAILABLE by null");
        assertThat(stack.leaseExists(hold)).isFalse();
        assertThat(stack.meta(hold)).as("out of the expiry index").doesNotContainKey(ExpiryIndex.SHARD);
    }

    @Test
    void aLeaseRemovedWithoutTheServiceIdentityChangesNothing() {
        String event = stack.createEvent(3, 4);
        String hold = stack.hold(event, stack.user("alice"), "2-1");
        stack.clock.advance(HOLD.plusSeconds(1));
        Map<String, Object> before = stack.snapshot(hold, event, "2-1");
        DynamodbEvent byRelease = ExpiryStack.ttlRemovalOf(hold);
        byRelease.getRecords().get(0).setUserIdentity(null);

        StreamsEventResponse answer = stack.invokeStream(byRelease);

        assertThat(answer.getBatchItemFailures()).isEmpty();
        assertThat(stack.snapshot(hold, event, "2-1")).isEqualTo(before);
        assertThat(stack.holdStatus(hold)).as("as stored; it reads EXPIRED all the same").isEqualTo("ACTIVE");
    }

    @Test
    void aTtlRemovalOfAHoldNotYetDueIsLeftToTheSweeper() {
        String event = stack.createEvent(3, 4);
        String hold = stack.hold(event, stack.user("alice"), "3-1");
        Map<String, Object> before = stack.snapshot(hold, event, "3-1");

        StreamsEventResponse answer = stack.invokeStream(ExpiryStack.ttlRemovalOf(hold));

        assertThat(answer.getBatchItemFailures()).isEmpty();
        assertThat(stack.snapshot(hold, event, "3-1")).isEqualTo(before);
    }

    @Test
    void aRemovalNamingNoKnownHoldIsNotRetried() {
        StreamsEventResponse answer = stack.invokeStream(ExpiryStack.ttlRemovalOf(UUID.randomUUID().toString()));

        assertThat(answer.getBatchItemFailures()).isEmpty();
    }

    @Test
    void expiringTheSameHoldTwiceChangesNothingTheSecondTime() {
        String event = stack.createEvent(3, 4);
        String hold = stack.hold(event, stack.user("alice"), "1-3", "1-4");
        stack.clock.advance(HOLD.plusSeconds(1));
        assertThat(stack.invokeStream(ExpiryStack.ttlRemovalOf(hold)).getBatchItemFailures()).isEmpty();
        Map<String, Object> afterFirst = stack.snapshot(hold, event, "1-3", "1-4");

        assertThat(stack.invokeStream(ExpiryStack.ttlRemovalOf(hold)).getBatchItemFailures()).isEmpty();
        stack.sweep();

        assertThat(stack.snapshot(hold, event, "1-3", "1-4")).isEqualTo(afterFirst);
        assertThat(stack.holdStatus(hold)).isEqualTo("EXPIRED");
    }

    @Test
    void aSeatTheExpiredHoldLostStaysWithItsNewHolder() {
        String event = stack.createEvent(3, 4);
        String alice = stack.user("alice");
        String hold = stack.hold(event, alice, "2-3", "2-4");
        stack.clock.advance(HOLD.plusSeconds(1));
        String bobs = stack.hold(event, stack.user("bob"), "2-3");

        assertThat(stack.invokeStream(ExpiryStack.ttlRemovalOf(hold)).getBatchItemFailures()).isEmpty();
        stack.sweep();

        assertThat(stack.holdStatus(hold)).isEqualTo("EXPIRED");
        assertThat(stack.ticketStatuses(hold).values()).hasSize(2).containsOnly("CANCELLED");
        assertThat(stack.seatState(event, "2-3")).isEqualTo("RESERVED by " + bobs);
        assertThat(stack.seatState(event, "2-4")).isEqualTo("AVAILABLE by null");
        assertThat(stack.holdStatus(bobs)).isEqualTo("ACTIVE");
        assertThat(stack.ticketStatuses(bobs).values()).containsOnly("PENDING");
    }

    @Test
    void aPaidHoldIsNeverTouched() {
        String event = stack.createEvent(3, 4);
        String hold = stack.hold(event, stack.user("alice"), "3-3", "3-4");
        stack.markPaid(hold, event, "3-3", "3-4");
        stack.clock.advance(HOLD.plusSeconds(1));
        Map<String, Object> before = withoutExpiryShard(stack.snapshot(hold, event, "3-3", "3-4"));

        assertThat(stack.invokeStream(ExpiryStack.ttlRemovalOf(hold)).getBatchItemFailures()).isEmpty();
        SweepReport sweep = stack.sweep();

        assertThat(sweep.paid()).as("the sweeper met it through the index").isGreaterThanOrEqualTo(1);
        assertThat(withoutExpiryShard(stack.snapshot(hold, event, "3-3", "3-4"))).isEqualTo(before);
        assertThat(stack.holdStatus(hold)).isEqualTo("PAID");
        assertThat(stack.ticketStatuses(hold).values()).hasSize(2).containsOnly("PAID");
        assertThat(stack.seatState(event, "3-3")).isEqualTo("SOLD by " + hold);
        assertThat(stack.meta(hold)).as("the sweeper only took the stale entry out of the index")
                .doesNotContainKey(ExpiryIndex.SHARD);
    }

    /** The snapshot with the META item's expiry_shard left out: the one attribute the sweeper may remove. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutExpiryShard(Map<String, Object> snapshot) {
        Map<String, Object> copy = new HashMap<>(snapshot);
        copy.put("hold", ((java.util.List<Map<String, ?>>) snapshot.get("hold")).stream()
                .map(item -> {
                    Map<String, Object> trimmed = new HashMap<>(item);
                    trimmed.remove(ExpiryIndex.SHARD);
                    return trimmed;
                })
                .toList());
        return copy;
    }
}
