package dev.ticketing.queues;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message that names one thing, written and read back; anything else names nothing (and is never retried). */
class NamingMessageTest {
    @Test
    void aMessageNamesWhatItWasWrittenWithAndAnythingElseNamesNothing() {
        assertThat(NamingMessage.named(NamingMessage.body("eventId", "e-1\"#"), "eventId")).contains("e-1\"#");
        assertThat(NamingMessage.named(NamingMessage.body("eventId", "e-1"), "order")).isEmpty();
        for (String body : new String[] {null, "", "not json", "[]", "{}", "{\"eventId\":7}", "{\"eventId\":\" \"}",
                "{\"eventId\":null}"}) {
            assertThat(NamingMessage.named(body, "eventId")).as(String.valueOf(body)).isEmpty();
        }
    }
}
