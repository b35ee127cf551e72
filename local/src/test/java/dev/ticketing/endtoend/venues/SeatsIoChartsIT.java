package dev.ticketing.endtoend.venues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.venues.formats.SamplePlans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A seats.io chart imported over HTTP and sold (issue 20, item 2's "seats.io chart import"; docs/venues.md, "seats.io
 * import"): {@code POST /venues?format=seatsio} makes a venue of {@link SamplePlans#seatsIoChart}, an event on it is
 * priced by the chart's category labels, "2 together" never straddles the aisle the distance rule found nor takes
 * the wheelchair place, which "accessible" gets with its companion seat; a table is a 400 naming its path, nothing
 * stored; the chart is no export form.
 */
class SeatsIoChartsIT {
    private final Api api = TestStack.api();

    @Test
    void anOrganiserImportsASeatsIoChartAndSellsTwoTogetherOnIt() {
        String olga = api.organiser();
        Api.Response imported = api.post("/venues?format=seatsio", olga, SamplePlans.seatsIoChart());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("seats").asInt()).isEqualTo(12);
        String venueId = imported.json().get("id").asText();
        String own = api.get("/venues/" + venueId + "/plan", olga).body();
        assertThat(own).contains("\"id\":\"Box-A-1\"").contains("\"wheelchair\":true").contains("\"companion\":true")
                .contains("\"gapBefore\":true");
        Api.Response export = api.get("/venues/" + venueId + "/plan?format=seatsio", olga);
        assertThat(export.status()).as("an import form only").isEqualTo(400);

        String eventId = api.createEventOnVenue(olga, venueId,
                Api.orderedPrices("Front", "40.00", "Back", "25.00", "Box", "60.00"));

        Api.Response pair = api.post("/events/" + eventId + "/holds", api.newUser("fan"),
                Map.of("quantity", 2, "together", true));
        assertThat(pair.status()).as(pair.toString()).isEqualTo(201);
        List<String> held = pair.json().get("seats").findValuesAsText("id");
        assertThat(neighbourPairs()).as("2 together: neighbours in a row segment, no wheelchair place").contains(held);

        Api.Response accessible = api.post("/events/" + eventId + "/holds", api.newUser("wheels"),
                Map.of("quantity", 2, "together", true, "accessible", true));
        assertThat(accessible.status()).as(accessible.toString()).isEqualTo(201);
        assertThat(accessible.json().get("seats").findValuesAsText("id")).as("the wheelchair place and its companion")
                .containsExactlyInAnyOrder("uuid11", "uuid12");
    }

    @Test
    void aChartWithATableIsA400NamingItAndStoresNothing() {
        String olga = api.organiser();
        String withTable = SamplePlans.seatsIoChart().replace("\"tables\": [],\n    \"booths\"",
                "\"tables\": [{\"objectType\": \"table\", \"label\": \"T1\", \"seats\": []}],\n    \"booths\"");
        Api.Response refused = api.post("/venues?format=seatsio", olga, withTable);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("path").asText()).isEqualTo("/subChart/tables/0");
        assertThat(refused.json().get("detail").asText()).contains("table").contains("not supported");
        assertThat(api.get("/venues", olga).json().get("venues")).as("nothing stored").isEmpty();
    }

    /** The pairs "2 together" may give on the chart: consecutive in a row, not across row A's aisle, no wheelchair place or companion seat. */
    private static List<List<String>> neighbourPairs() {
        List<List<String>> pairs = new ArrayList<>(List.of(List.of("uuid13", "uuid14")));
        for (String row : List.of("B-", "Box-A-")) {
            for (int seat = 1; seat < 4; seat++) {
                pairs.add(List.of(row + seat, row + (seat + 1)));
            }
        }
        return pairs;
    }

}
