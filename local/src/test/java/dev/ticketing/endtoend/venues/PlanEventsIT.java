package dev.ticketing.endtoend.venues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.venues.formats.SamplePlans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events on a venue's plan over HTTP (issue 20, item 3; docs/venues.md): an organiser makes an event on the theatre
 * with a price per category; its seat ids are the plan's, its plan comes in the compact map's order, the full map
 * names each seat as the plan does, and holds, blocks and prices work by the plan's ids.
 */
class PlanEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api = TestStack.api();

    @Test
    void anEventOnTheTheatreSellsThePlansSeatsByTheirIds() throws Exception {
        String olga = api.organiser();
        JsonNode venue = api.post("/venues", olga, SamplePlans.theatre()).json();
        JsonNode plan = JSON.readTree(SamplePlans.theatre());
        int planSeats = 0;
        List<Integer> rowLengths = new ArrayList<>();
        for (JsonNode section : plan.get("sections")) {
            for (JsonNode row : section.get("rows")) {
                rowLengths.add(row.get("seats").size());
                planSeats += row.get("seats").size();
            }
        }

        String eventId = api.createEventOnVenue(olga, venue.get("id").asText(), Api.THEATRE_PRICES);
        JsonNode event = api.get("/events/" + eventId, null).json();
        assertThat(event.get("venueId").asText()).isEqualTo(venue.get("id").asText());
        assertThat(event.get("planVersion").asInt()).isEqualTo(1);
        assertThat(event.get("categoryPrices").get(0).get("price").asText()).isEqualTo("80.00");

        Api.Response planAnswer = api.get("/events/" + eventId + "/plan", null);
        assertThat(planAnswer.status()).isEqualTo(200);
        assertThat(planAnswer.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        JsonNode eventPlan = planAnswer.json();
        assertThat(eventPlan.get("rows")).hasSize(rowLengths.size());
        List<String> compact = api.compactRows(eventId);
        assertThat(compact).hasSize(rowLengths.size());
        for (int i = 0; i < rowLengths.size(); i++) {
            assertThat(compact.get(i)).as("one character per seat of plan row " + i).hasSize(rowLengths.get(i));
            assertThat(eventPlan.get("rows").get(i).get("seats")).hasSize(rowLengths.get(i));
        }
        JsonNode firstRow = eventPlan.get("rows").get(0);
        assertThat(firstRow.get("section").asText()).isEqualTo("Stalls");
        assertThat(firstRow.get("label").asText()).isEqualTo("Stalls, row A");
        assertThat(firstRow.get("seats").get(0).get("id").asText()).isEqualTo("th-S-A-1");

        Map<String, JsonNode> fullMap = api.fullMap(eventId, null);
        assertThat(fullMap).hasSize(planSeats);
        JsonNode wheelchair = fullMap.get("th-S-T-1");
        assertThat(wheelchair.get("section").asText()).isEqualTo("Stalls");
        assertThat(wheelchair.get("row").asText()).isEqualTo("Stalls, row T");
        assertThat(wheelchair.get("seat").asText()).isEqualTo("Seat 1");
        assertThat(wheelchair.get("category").asText()).isEqualTo("B");
        assertThat(wheelchair.get("price").asText()).isEqualTo("55.00");
        assertThat(wheelchair.get("wheelchair").asBoolean()).isTrue();
        assertThat(fullMap.get("th-S-T-2").get("companion").asBoolean()).isTrue();
        assertThat(fullMap.get("th-B-A-1").get("restrictedView").asBoolean()).isTrue();
        assertThat(wheelchair.get("x").isNumber()).isTrue();
        assertThat(wheelchair.has("column")).isFalse();

        String buyer = api.newUser("buyer");
        Api.Response hold = api.hold(eventId, buyer, "th-S-A-1", "th-S-A-2");
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        assertThat(hold.json().get("seats").findValuesAsText("id")).containsExactly("th-S-A-1", "th-S-A-2");
        assertThat(hold.json().get("seats").get(0).get("price").asText()).isEqualTo("80.00");
        // named as the plan names it and the ticket prints it, not by the engine's grid row and column
        assertThat(hold.json().get("seats").findValuesAsText("label"))
                .containsExactly("Stalls, row A, Seat 1", "Stalls, row A, Seat 2");
        assertThat(api.get("/holds/" + hold.json().get("id").asText(), buyer).json().get("seats")
                .findValuesAsText("label")).containsExactly("Stalls, row A, Seat 1", "Stalls, row A, Seat 2");
        assertThat(api.seatStatuses(eventId, null)).containsEntry("th-S-A-1", "RESERVED");

        Api.Response unknown = api.hold(eventId, buyer, "th-S-A-3", "1-1");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("unknownSeats").get(0).asText()).isEqualTo("1-1");

        Api.Response blocked = api.post("/events/" + eventId + "/blocks", olga, Map.of("seats", List.of("th-B-J-5")));
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        assertThat(api.seatStatuses(eventId, null)).containsEntry("th-B-J-5", "BLOCKED");

        Api.Response repriced = api.post("/events/" + eventId + "/prices", olga, Map.of("currency", "EUR",
                "categoryPrices", List.of(Map.of("category", "C", "price", "35.00"))));
        assertThat(repriced.status()).as(repriced.toString()).isEqualTo(200);
        assertThat(api.get("/events/" + eventId, null).json().get("categoryPrices").findValuesAsText("price"))
                .containsExactly("80.00", "55.00", "35.00");
    }

    @Test
    void theSingleSeatRuleCountsAnAisleAsARowsEnd() {
        String olga = api.organiser();
        String venueId = api.post("/venues", olga, SamplePlans.theatre()).json().get("id").asText();
        Api.Response created = api.postEventOnVenue(olga, venueId, Api.THEATRE_PRICES,
                Map.of("singleSeatRule", "forbid"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String eventId = created.json().get("id").asText();
        String buyer = api.newUser("buyer");

        Api.Response besideTheAisle = api.hold(eventId, buyer, "th-S-A-14");
        assertThat(besideTheAisle.status()).as("A-15 would be left alone between A-14 and the aisle").isEqualTo(422);
        assertThat(api.hold(eventId, buyer, "th-S-A-2").status()).as("A-1 would be left at the row's end").isEqualTo(422);
        assertThat(api.hold(eventId, buyer, "th-S-A-14", "th-S-A-15").status()).as("up to the aisle").isEqualTo(201);
        assertThat(api.hold(eventId, api.newUser("other"), "th-S-A-16", "th-S-A-17").status())
                .as("from the aisle on the other side").isEqualTo(201);
    }

    @Test
    void aPlanEventNeedsEveryCategoryPricedAndAVenueTheCallerMayUse() {
        String olga = api.organiser();
        String venueId = api.post("/venues", olga, SamplePlans.theatre()).json().get("id").asText();
        Api.Response unpriced = api.postEventOnVenue(olga, venueId, Api.orderedPrices("A", "80.00", "B", "55.00"),
                Map.of());
        assertThat(unpriced.status()).isEqualTo(400);
        assertThat(unpriced.json().get("unpricedCategories").get(0).asText()).isEqualTo("C");

        Map<String, String> unknown = Api.orderedPrices("A", "80.00", "B", "55.00", "C", "30.00", "D", "30.00");
        assertThat(api.postEventOnVenue(olga, venueId, unknown, Map.of()).json().get("category").asText())
                .isEqualTo("D");

        assertThat(api.postEventOnVenue(olga, venueId, Api.THEATRE_PRICES, Map.of("rows", 3)).status()).isEqualTo(400);

        Api.Response otherOrganiser = api.postEventOnVenue(api.organiser(), venueId, Api.THEATRE_PRICES, Map.of());
        assertThat(otherOrganiser.status()).as("another organisation's venue does not exist for them").isEqualTo(404);
        assertThat(api.postEventOnVenue(olga, venueId, Api.THEATRE_PRICES, Map.of()).status()).isEqualTo(201);
    }

    @Test
    void aHundredThousandSeatPlanComesGzippedAndItsEventGoesOnSaleInTheBackground() {
        String olga = api.organiser();
        String plan = SamplePlans.hall("Stadium", "sd", 100_000);
        assertThat(plan.length()).as("more than a function is handed plain").isGreaterThan(6_000_000);
        Api.Response imported = api.postGzipped("/venues?format=pretix", olga, plan);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("seats").asInt()).isEqualTo(100_000);

        Api.Response created = api.postEventOnVenue(olga, imported.json().get("id").asText(),
                Api.orderedPrices("A", "90.00", "B", "60.00", "C", "40.00"), Map.of("name", "Final"));
        assertThat(created.status()).as("a big hall is written in the background").isEqualTo(202);
        String eventId = created.json().get("id").asText();
        List<Integer> progress = new ArrayList<>();
        api.awaitOnSale(eventId, java.time.Duration.ofMinutes(3), event -> {
            if (event.has("creation")) {
                assertThat(event.get("creation").get("seats").asInt()).isEqualTo(100_000);
                progress.add(event.get("creation").get("seatsWritten").asInt());
            }
        });
        assertThat(progress).as("how far the seats have got, while they are written").isSorted()
                .anyMatch(written -> written > 0 && written < 100_000);

        Api.Response pair = api.post("/events/" + eventId + "/holds", api.newUser("fan"),
                Map.of("quantity", 2, "together", true, "category", "C"));
        assertThat(pair.status()).as(pair.toString()).isEqualTo(201);
        JsonNode compact = api.get("/events/" + eventId + "/seats?format=compact", null).json();
        int seats = 0;
        for (JsonNode row : compact.get("rows")) {
            seats += row.get("seats").asText().length();
        }
        assertThat(seats).isEqualTo(100_000);
    }

    @Test
    void onlyAPlanMayComeGzippedAndABodyThatInflatesPastTheBoundIsRefused() {
        String olga = api.organiser();
        Api.Response elsewhere = api.postGzipped("/events", olga, "{}");
        assertThat(elsewhere.status()).isEqualTo(415);
        assertThat(elsewhere.contentType()).isEqualTo("application/problem+json");
        Api.Response bomb = api.postGzipped("/venues", olga, " ".repeat(65 * 1024 * 1024));
        assertThat(bomb.status()).isEqualTo(413);
        Api.Response notGzip = api.send("POST", "/venues", olga, SamplePlans.theatre(), Map.of("Content-Encoding", "gzip"));
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(api.get("/venues", olga).json().get("venues")).isEmpty();
    }
}
