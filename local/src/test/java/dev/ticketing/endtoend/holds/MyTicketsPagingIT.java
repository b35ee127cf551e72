package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /me/tickets} comes a page at a time, with a cursor only its owner can follow. */
class MyTicketsPagingIT {
    private final Api api = TestStack.api();

    @Test
    void everyTicketComesOnceNewestFirstAcrossPages() {
        String alice = api.newUser("alice");
        for (int i = 0; i < 3; i++) {
            Api.Response held = api.hold(api.createEvent(1, 2), alice, "1-1", "1-2");
            assertThat(held.status()).isEqualTo(201);
            // released (its tickets stay, CANCELLED): a user has at most 2 open holds across events
            assertThat(api.delete("/holds/" + held.json().get("id").asText(), alice).status()).isEqualTo(204);
        }
        List<String> all = ids(api.get("/me/tickets", alice).json());
        assertThat(all).hasSize(6).doesNotHaveDuplicates();
        assertThat(api.get("/me/tickets", alice).json().has("next")).as("next is there, null at the end").isTrue();
        assertThat(api.get("/me/tickets", alice).json().get("next").isNull()).isTrue();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.get("/me/tickets?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), alice);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("tickets").size()).isLessThanOrEqualTo(4);
            paged.addAll(ids(page.json()));
            cursor = page.json().get("next").isNull() ? null : page.json().get("next").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).as("the same tickets in the same order").isEqualTo(all);
        assertThat(pages).isBetween(2, 3);
    }

    @Test
    void aBadLimitOrAForeignOrTamperedCursorIsA400() {
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        for (int i = 0; i < 2; i++) {
            assertThat(api.hold(api.createEvent(1, 2), alice, "1-1", "1-2").status()).isEqualTo(201);
        }
        String cursor = api.get("/me/tickets?limit=1", alice).json().get("next").asText();
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                decoded.replace("TICKET#", "HOLD#").getBytes(StandardCharsets.UTF_8));
        String huge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                decoded.replace("TICKET#", "TICKET#" + "x".repeat(3_000)).getBytes(StandardCharsets.UTF_8));

        for (String query : List.of("limit=0", "limit=101", "limit=ten", "limit=-1", "limit=%EF%BC%91", "limit=",
                "cursor=", "cursor=%21%21", "cursor=bm90IGpzb24", "cursor=e30", "cursor=" + tampered, "cursor=" + huge)) {
            Api.Response answer = api.get("/me/tickets?" + query, alice);
            assertThat(answer.status()).as(query + " -> " + answer).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
        }
        Api.Response foreign = api.get("/me/tickets?cursor=" + cursor, bob);
        assertThat(foreign.status()).as("alice's cursor is not bob's").isEqualTo(400);
        assertThat(api.get("/me/tickets?limit=1&cursor=" + cursor, alice).status()).isEqualTo(200);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("tickets").forEach(ticket -> ids.add(ticket.get("id").asText()));
        return ids;
    }
}
