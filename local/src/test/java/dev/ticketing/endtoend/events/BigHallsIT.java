package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.events.CreateEvent;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.seats.model.RowRange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Big halls through the local stack as AWS would run them: a hall too big to write within the request is answered
 * 202 CREATING and its seats are written by EventSeatsFunction (started by the table's stream, as template.yaml
 * wires it); the full seat map comes in pages under 1 MB, the compact one whole.
 */
class BigHallsIT {
    private static final int ONE_MB = 1_000_000;
    private final Api api = TestStack.api();

    @Test
    void aHallTooBigForTheRequestIsAnswered202CreatingAndGoesOnSaleWithEverySeat() {
        int rows = CreateEvent.INLINE_SEATS / 500 + 1;
        Map<String, Object> body = Map.of("name", "Arena", "date", "2027-03-01T20:00:00Z", "rows", rows, "columns", 500,
                "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", rows, "price", "30.00")));
        Map<String, String> key = Map.of("Idempotency-Key", "arena-" + UUID.randomUUID());
        String admin = api.admin();

        Api.Response accepted = api.send("POST", "/events", admin, body, key);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().get("status").asText()).isEqualTo("CREATING");
        String id = accepted.json().get("id").asText();
        assertThat(accepted.headers().firstValue("Location")).contains("/events/" + id);
        api.awaitOnSale(id, Duration.ofMinutes(1), event -> { });

        Api.Response replayed = api.send("POST", "/events", admin, body, key);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replayed.json().get("id").asText()).isEqualTo(id);
        assertThat(api.allEvents(admin)).extracting(event -> event.get("id").asText()).contains(id);
        assertThat(api.compactRows(id)).hasSize(rows).allSatisfy(row -> assertThat(row).hasSize(500).matches("A+"));
        assertThat(api.hold(id, api.newUser("first-buyer"), String.valueOf(rows) + "-500").status()).isEqualTo(201);
    }

    @Test
    void theFullMapComesInPagesUnderOneMegabyteThatShowEverySeatOnce() {
        // the longest seat JSON there is: three-digit rows and columns, the highest price
        String id = api.createHall(40, 500, "999999.99");
        String viewer = api.newUser("viewer");

        Set<String> seen = new HashSet<>();
        int pages = 0;
        double mostBytesPerSeat = 0;
        String next = "/events/" + id + "/seats";
        while (next != null) {
            Api.Response page = api.get(next, viewer);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            int bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
            JsonNode map = page.json();
            assertThat(bytes).as("page " + next).isLessThan(ONE_MB);
            assertThat(map.get("seats").size()).isLessThanOrEqualTo(RowRange.MAX_SEATS);
            map.get("seats").forEach(seat -> assertThat(seen.add(seat.get("id").asText())).as("seat shown twice").isTrue());
            mostBytesPerSeat = Math.max(mostBytesPerSeat, (double) bytes / map.get("seats").size());
            next = map.get("next").isNull() ? null : map.get("next").asText();
            assertThat(page.headers().firstValue("Link")).isEqualTo(next == null ? java.util.Optional.empty()
                    : java.util.Optional.of("<" + next + ">; rel=\"next\""));
            pages++;
        }

        assertThat(seen).hasSize(20_000);
        assertThat(pages).isEqualTo(2);
        // a page of a 100,000-seat map holds no more seats than these, so it stays under 1 MB as well
        assertThat(mostBytesPerSeat * RowRange.MAX_SEATS).isLessThan(ONE_MB);
        assertThat(api.compactRows(id)).hasSize(40);
    }

    @Test
    void aPageOutsideTheMapOrTooLongIsA400AndTheCompactMapIsNotPaged() {
        String id = api.createHall(30, 500, "20.00");
        String viewer = api.newUser("viewer");
        String seats = "/events/" + id + "/seats";

        for (String asked : List.of("?fromRow=0", "?fromRow=31", "?fromRow=x", "?fromRow=5&toRow=4", "?fromRow=1&toRow=21",
                "?format=compact&fromRow=1")) {
            Api.Response refused = api.get(seats + asked, viewer);
            assertThat(refused.status()).as(asked).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        JsonNode last = api.get(seats + "?fromRow=21&toRow=30", viewer).json();
        assertThat(last.get("seats")).hasSize(10 * 500);
        assertThat(last.get("next").isNull()).isTrue();
    }
}
