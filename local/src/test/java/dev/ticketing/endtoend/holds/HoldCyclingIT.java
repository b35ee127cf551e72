package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Against hold cycling: a limit of holds per user and event in any rolling hour; an expired hold's tickets read
 * CANCELLED at once.
 */
class HoldCyclingIT {
    private final Api api = TestStack.api();

    @Test
    void aUserMayCreateTwentyHoldsOfAnEventInAnyRollingHourThen429() {
        String event = api.createEvent(3, 10);
        String other = api.createEvent(1, 2);
        String alice = api.newUser("alice");
        holdAndRelease(event, alice, 20);

        Api.Response refused = api.hold(event, alice, "2-2");
        Api.Response together = api.post("/events/" + event + "/holds", alice, Map.of("quantity", 2, "together", true));

        for (Api.Response answer : List.of(refused, together)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("type").asText()).endsWith("hold-rate-limit");
            assertThat(answer.json().get("maxHoldsPerUserPerHour").asInt()).isEqualTo(20);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(api.seatStatuses(event, alice)).containsEntry("2-2", "AVAILABLE");
        assertThat(api.hold(other, alice, "1-1").status()).as("another event").isEqualTo(201);
        assertThat(api.hold(event, api.newUser("bob"), "2-2").status()).as("another user").isEqualTo(201);
    }

    /**
     * Issue 25: with a count per clock hour, one user made 40 holds in 13.8 s across 20:00. Now the limit is per
     * rolling hour: 10 holds before the hour and 10 after it use all 20, and the first ten come back one hour after
     * they were made, not at the top of the hour.
     */
    @Test
    void theHoldRateRollsAcrossTheClockHour() {
        String event = api.createEvent(3, 10);
        String alice = api.newUser("alice");
        Instant now = TestStack.clock().instant();
        TestStack.clock().advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)))
                .minusSeconds(30));

        Instant beforeTheHour = TestStack.clock().instant();
        holdAndRelease(event, alice, 10);
        Instant firstTenDone = TestStack.clock().instant();
        TestStack.clock().advance(Duration.ofSeconds(60));
        assertThat(TestStack.clock().instant().truncatedTo(ChronoUnit.HOURS))
                .as("a new clock hour").isAfter(beforeTheHour.truncatedTo(ChronoUnit.HOURS));
        holdAndRelease(event, alice, 10);

        Api.Response refused = api.hold(event, alice, "3-1");
        assertThat(refused.status()).as("a clock-hour count would allow 10 more now: %s", refused).isEqualTo(429);
        Instant retryAt = Instant.parse(refused.json().get("retryAt").asText());
        assertThat(retryAt).isBetween(beforeTheHour.plus(Duration.ofHours(1)), firstTenDone.plus(Duration.ofHours(1)));
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(3_500L, 3_600L);

        TestStack.clock().advance(Duration.between(TestStack.clock().instant(), firstTenDone.plus(Duration.ofHours(1)))
                .plusSeconds(1));
        holdAndRelease(event, alice, 10);
        assertThat(api.hold(event, alice, "3-1").status()).as("the last ten are still within the hour").isEqualTo(429);
    }

    private void holdAndRelease(String event, String user, int holds) {
        for (int i = 1; i <= holds; i++) {
            Api.Response held = api.hold(event, user, "1-" + (1 + i % 10));
            assertThat(held.status()).as("hold %d: %s", i, held).isEqualTo(201);
            assertThat(api.delete("/holds/" + held.json().get("id").asText(), user).status()).isEqualTo(204);
        }
    }

    @Test
    void theMomentAHoldExpiresItsTicketsReadCancelledEverywhere() {
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        JsonNode hold = api.hold(event, alice, "1-1", "1-2").json();
        String holdId = hold.get("id").asText();
        assertThat(statuses(api.get("/holds/" + holdId, alice).json().get("tickets"))).containsOnly("PENDING");

        TestStack.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

        JsonNode expired = api.get("/holds/" + holdId, alice).json();
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(statuses(expired.get("tickets"))).containsExactly("CANCELLED", "CANCELLED");
        List<String> mine = new ArrayList<>();
        api.get("/me/tickets", alice).json().get("tickets").forEach(ticket -> {
            if (ticket.get("holdId").asText().equals(holdId)) {
                mine.add(ticket.get("status").asText());
            }
        });
        assertThat(mine).containsExactly("CANCELLED", "CANCELLED");
    }

    private static List<String> statuses(JsonNode tickets) {
        List<String> statuses = new ArrayList<>();
        tickets.forEach(ticket -> statuses.add(ticket.get("status").asText()));
        return statuses;
    }
}
