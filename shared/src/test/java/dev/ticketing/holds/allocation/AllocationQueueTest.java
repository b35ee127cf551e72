package dev.ticketing.holds.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.ServiceUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The allocation queue's message, a deployment without the queue, and a send that fails (its real sending: every
 * best-available test of the local stack, on ElasticMQ).
 */
class AllocationQueueTest {
    @Test
    void aMessageNamesItsEvent() {
        assertThat(AllocationQueue.eventIdOf(AllocationQueue.body("e-1"))).contains("e-1");
        assertThat(AllocationQueue.eventIdOf("{\"order\":\"e-1\"}")).isEmpty();
    }

    @Test
    void withoutAQueueUrlAnAskIsA503ForTheRequestToBeWithdrawnWith() {
        AllocationQueue noQueue = new AllocationQueue(() -> {
            throw new AssertionError("no client is needed to know there is no queue");
        }, "");

        assertThatThrownBy(() -> noQueue.start("e-1")).isInstanceOf(ServiceUnavailableException.class)
                .hasFieldOrPropertyWithValue("type", "best-available-busy");
    }

    @Test
    void aSendThatFailsLeavesTheRequestQueuedForItsNextPollToAskAgain() {
        AllocationQueue down = new AllocationQueue(() -> {
            throw SdkClientException.create("SQS is unreachable");
        }, "http://127.0.0.1:9/queue");

        assertThatCode(() -> down.start("e-1")).doesNotThrowAnyException();
    }
}
