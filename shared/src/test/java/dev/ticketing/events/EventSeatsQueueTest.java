package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

/** The event-seats queue's message, and a deployment without the queue (its real sending: BigHallsIT on ElasticMQ). */
class EventSeatsQueueTest {
    @Test
    void aMessageNamesItsEventAndAnythingElseNamesNone() {
        assertThat(EventSeatsQueue.eventIdOf(EventSeatsQueue.body("e-1\"#"))).contains("e-1\"#");
        for (String body : new String[] {null, "", "not json", "[]", "{}", "{\"eventId\":7}", "{\"eventId\":\" \"}",
                "{\"eventId\":null}"}) {
            assertThat(EventSeatsQueue.eventIdOf(body)).as(String.valueOf(body)).isEmpty();
        }
    }

    @Test
    void withoutAQueueUrlAStartIsA503() {
        EventSeatsQueue noQueue = new EventSeatsQueue(() -> {
            throw new AssertionError("no client is needed to know there is no queue");
        }, " ");

        assertThatThrownBy(() -> noQueue.start("e-1")).isInstanceOf(ServiceUnavailableException.class);
    }
}
