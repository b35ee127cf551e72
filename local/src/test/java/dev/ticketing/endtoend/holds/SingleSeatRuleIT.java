package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The single-seat rule for picks by seat id: {@code allow} (the default) or {@code forbid} lone empty seats. */
class SingleSeatRuleIT {
    private final Api api = TestStack.api();

    @Test
    void underForbidAPickThatWouldStrandASeatIsRefusedWithTheSeatAndTheNearestBlockThatStrandsNone() {
        String event = api.createEvent(2, 8, Map.of("singleSeatRule", "forbid"));
        assertThat(api.get("/events/" + event, api.newUser("viewer")).json().get("singleSeatRule").asText())
                .isEqualTo("forbid");
        assertThat(api.hold(event, api.newUser("a"), "1-5", "1-6").status()).isEqualTo(201);

        Api.Response refused = api.hold(event, api.newUser("bob"), "1-2", "1-3");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("single-seat");
        assertThat(refused.json().get("strandedSeats").toString()).isEqualTo("[\"1-1\",\"1-4\"]");
        assertThat(refused.json().get("suggestedSeats").toString()).isEqualTo("[\"1-1\",\"1-2\"]");
        assertThat(api.seatStatuses(event, api.newUser("viewer"))).containsEntry("1-2", "AVAILABLE");

        assertThat(api.hold(event, api.newUser("carol"), "1-1", "1-2").status()).as("the suggestion").isEqualTo(201);
        assertThat(api.hold(event, api.newUser("dave"), "1-3", "1-4").status()).isEqualTo(201);
    }

    @Test
    void underAllowTheSamePickIsHeld() {
        String event = api.createEvent(2, 8);
        assertThat(api.get("/events/" + event, api.newUser("viewer")).json().get("singleSeatRule").asText())
                .isEqualTo("allow");
        api.hold(event, api.newUser("a"), "1-5", "1-6");

        assertThat(api.hold(event, api.newUser("bob"), "1-2", "1-3").status()).isEqualTo(201);
    }

    @Test
    void manyBuyersPickingPairsByIdAtOnceUnderForbidLeaveNoLoneSeat() throws Exception {
        String event = api.createEvent(2, 12, Map.of("singleSeatRule", "forbid"));

        List<Api.Response> answers = Rush.of(api, 24, buyer -> {
            int row = 1 + buyer % 2;
            int first = ThreadLocalRandom.current().nextInt(1, 12);
            return Map.of("seats", List.of(row + "-" + first, row + "-" + (first + 1)));
        }, event);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(201, 409, 422));
        assertThat(answers).filteredOn(answer -> answer.status() == 201).isNotEmpty();
        List<String> map = api.compactRows(event);
        assertThat(Rush.loneSeats(map)).as("%s", map).isEmpty();
    }
}
