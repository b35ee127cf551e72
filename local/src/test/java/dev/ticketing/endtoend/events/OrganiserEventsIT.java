package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /organizer/events} over HTTP against the local stack (docs/organiser-operations.md#my-events): an
 * organiser's own events, newest first, whatever their status (a big hall listed while CREATING, then ON_SALE; a
 * cancelled one), seen by every organiser of the organisation and by no other; paged; buyers and staff 403.
 */
class OrganiserEventsIT {
    private final Api api = TestStack.api();

    @Test
    void anOrganiserListsTheirOrganisationsEventsWhateverTheirStatusAndNobodyElseSeesThem() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String olga = api.tokenWith(user("olga"), List.of("organizer"), org);
        String oscar = api.tokenWith(user("oscar"), List.of("organizer"), org);
        String boris = api.tokenWith(user("boris"), List.of("organizer"), "other-" + org);

        String first = created(olga, "First show", 2, 4, 201);
        String cancelled = created(oscar, "Called off", 2, 4, 201);
        assertThat(api.post("/events/" + cancelled + "/cancel", olga, Map.of("reason", "rain")).status()).isEqualTo(202);
        // a big hall (over 10,000 seats) is answered CREATING and listed at once, before it is on sale
        String big = created(olga, "Big hall", 101, 100, 202);
        List<JsonNode> listed = list(olga, "/organizer/events");
        assertThat(listed).extracting(event -> event.get("id").asText()).containsExactly(big, cancelled, first);
        assertThat(listed.get(0).get("status").asText()).isIn("CREATING", "ON_SALE");
        assertThat(listed.get(1).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(listed.get(2).get("name").asText()).isEqualTo("First show");
        assertThat(api.get("/events", null).body()).as("the public list never shows a CREATING event").doesNotContain("\"CREATING\"");
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> "ON_SALE".equals(list(oscar, "/organizer/events").get(0).get("status").asText()));

        // a page at a time: every organiser of the organisation sees the same three, nobody else any
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/organizer/events?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), oscar);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("events").forEach(event -> paged.add(event.get("id").asText()));
            cursor = page.json().get("next").isTextual() ? page.json().get("next").asText() : null;
            if (cursor != null) {
                Api.Response foreign = api.get("/organizer/events?cursor=" + cursor, boris);
                assertThat(foreign.status()).as("another organiser's cursor: %s", foreign).isEqualTo(400);
            }
        } while (cursor != null);
        assertThat(paged).containsExactly(big, cancelled, first);
        assertThat(list(boris, "/organizer/events")).isEmpty();

        // buyers and staff have no list; an admin's is the events they created
        for (String notOrganiser : List.of(api.newUser("bob"), api.tokenWith(user("sam"), List.of("staff"), org))) {
            Api.Response refused = api.get("/organizer/events", notOrganiser);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
        }
        String admin = api.admin();
        String adminsOwn = created(admin, "The admin's own", 1, 2, 201);
        assertThat(list(admin, "/organizer/events")).extracting(event -> event.get("id").asText()).containsExactly(adminsOwn);
        assertThat(api.get("/organizer/events", null).status()).isEqualTo(401);
    }

    private String created(String token, String name, int rows, int columns, int status) {
        Api.Response created = api.post("/events", token, Map.of("name", name, "date", "2027-03-01T20:00:00Z",
                "rows", rows, "columns", columns, "currency", "EUR",
                "prices", List.of(Map.of("fromRow", 1, "toRow", rows, "price", "30.00"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(status);
        return created.json().get("id").asText();
    }

    private List<JsonNode> list(String token, String path) {
        Api.Response page = api.get(path, token);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.json().get("events").forEach(events::add);
        return events;
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
