package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

/** The event-seats queue's message, and a deployment without the queue (its real sending: BigHallsIT on ElasticMQ). */
class EventSeatsQueueTest {
    @Test
    void aMessageNamesItsEventAndWhenItWasAskedAndAnythingElseNamesNone() {
        java.time.Instant asked = java.time.Instant.parse("2027-03-01T20:00:00.123Z");
        String message = EventSeatsQueue.body("e-1\"#", asked);
        assertThat(EventSeatsQueue.eventIdOf(message)).contains("e-1\"#");
        assertThat(EventSeatsQueue.askedAtOf(message)).contains(asked);
        for (String body : new String[] {null, "", "not json", "{\"eventId\":\"e-1\"}", "{\"askedAt\":7}",
                "{\"askedAt\":\"yesterday\"}"}) {
            assertThat(EventSeatsQueue.askedAtOf(body)).as("no ask time in " + body).isEmpty();
        }
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

        assertThatThrownBy(() -> noQueue.start("e-1", java.time.Instant.EPOCH))
                .isInstanceOf(ServiceUnavailableException.class);
    }
}
