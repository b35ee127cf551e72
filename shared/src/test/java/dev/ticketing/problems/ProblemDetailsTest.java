package dev.ticketing.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.model.Event;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A problem body keeps RFC 9457's members whatever its extensions say: clients read {@code status} as the HTTP status. */
class ProblemDetailsTest {
    @Test
    void anExtensionNeverReplacesAStandardMember() {
        ConflictException problem = new ConflictException("event-changed", "Event changed", "It changed",
                Map.of("status", "CANCELLED", "type", "elsewhere", "title", "x", "detail", "y", "eventId", "e-1"));

        Map<String, Object> body = ProblemDetails.of(problem);

        assertThat(body).containsEntry("status", 409).containsEntry("title", "Event changed")
                .containsEntry("detail", "It changed").containsEntry("eventId", "e-1");
        assertThat((String) body.get("type")).endsWith("/event-changed");
    }

    @Test
    void aCancelledEventNamesItsStatusBesideTheHttpStatus() {
        Map<String, Object> body = ProblemDetails.of(Event.cancelled("e-1"));

        assertThat(body).containsEntry("status", 409).containsEntry("eventStatus", "CANCELLED");
    }
}
