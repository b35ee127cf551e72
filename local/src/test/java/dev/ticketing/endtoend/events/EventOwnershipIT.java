package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Organisers own their events, over HTTP against the local stack (issue 21, item 1; docs/organiser-operations.md):
 * an organiser creates an event that belongs to their organisation (the {@code organizerId} claim of
 * {@code POST /dev/token}); another organisation's organiser gets 403 on each of its organiser operations and changes
 * nothing; any organiser of the organisation and any admin run it; buyers and staff create no event.
 */
class EventOwnershipIT {
    private static final Map<String, Object> EVENT = Map.of("name", "Owned show", "date", "2027-03-01T20:00:00Z",
            "rows", 2, "columns", 4, "currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 2, "price", "30.00")));

    private final Api api = TestStack.api();

    @Test
    void onlyTheEventsOrganisationAndAdminsRunItsOrganiserOperations() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String olga = token("olga", List.of("organizer"), org);
        String oscar = token("oscar", List.of("organizer"), org);
        String boris = token("boris", List.of("organizer"), "other-" + org);
        Api.Response created = api.post("/events", olga, EVENT);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().has("organizerId")).as("the organiser is not public").isFalse();
        String event = created.json().get("id").asText();
        String path = "/events/" + event;

        // another organisation's organiser, its members without the organizer group, a user named like it
        for (String outsider : List.of(boris, token("ursula", List.of(), org), token("sam", List.of("staff"), org),
                tokenOf(org, List.of("organizer"), null))) {
            assertForbidden(api.post(path + "/blocks", outsider, Map.of("seats", List.of("1-1"))));
            assertForbidden(api.send("DELETE", path + "/blocks", outsider, Map.of("seats", List.of("1-1")), Map.of()));
            assertForbidden(api.send("PATCH", path, outsider, Map.of("name", "Theirs"), Map.of()));
            assertForbidden(api.post(path + "/prices", outsider, Map.of("prices", List.of(
                    Map.of("fromRow", 1, "toRow", 2, "price", "1.00")))));
            assertForbidden(api.get(path + "/audit", outsider));
            assertForbidden(api.post(path + "/cancel", outsider, Map.of("reason", "not mine")));
        }
        assertThat(api.get(path, null).json().get("name").asText()).isEqualTo("Owned show");
        assertThat(api.get(path, null).json().get("status").asText()).isEqualTo("ON_SALE");
        assertThat(api.seatStatuses(event, api.newUser("viewer"))).containsEntry("1-1", "AVAILABLE");

        Api.Response blocked = api.post(path + "/blocks", oscar, Map.of("seats", List.of("1-1")));
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        Api.Response edited = api.send("PATCH", path, olga, Map.of("name", "Owned show (renamed)"), Map.of());
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        Api.Response unblocked = api.send("DELETE", path + "/blocks", api.admin(), Map.of("seats", List.of("1-1")), Map.of());
        assertThat(unblocked.status()).as(unblocked.toString()).isEqualTo(200);
        Api.Response audit = api.get(path + "/audit", olga);
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.json().get("entries").size()).isEqualTo(4);
        Api.Response cancelled = api.post(path + "/cancel", olga, Map.of("reason", "called off"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
    }

    @Test
    void buyersAndStaffCreateNoEventAndAnOrganiserDoes() {
        int before = api.allEvents(null).size();

        for (String notOrganiser : List.of(token("bob", List.of(), null), token("sam", List.of("staff"), "org-1"),
                token("tess", List.of("team organizer"), "org-1"))) {
            assertForbidden(api.post("/events", notOrganiser, EVENT));
        }
        assertThat(api.allEvents(null)).hasSize(before);
        assertThat(api.post("/events", token("olga", List.of("organizer"), "org-1"), EVENT).status()).isEqualTo(201);
    }

    /** A token of {@code POST /dev/token} for a fresh user named after {@code name}. */
    private String token(String name, List<String> groups, String organizerId) {
        return tokenOf(name + "-" + UUID.randomUUID().toString().substring(0, 8), groups, organizerId);
    }

    private String tokenOf(String userId, List<String> groups, String organizerId) {
        return api.tokenWith(userId, groups, organizerId);
    }

    private static void assertForbidden(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
