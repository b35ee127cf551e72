package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.venues.formats.SamplePlans;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Best available on a venue's plan (issue 20, item 4; docs/venues.md): on the ~1,200-seat theatre (stalls and
 * balcony, a centre aisle in every row, wheelchair places with companion seats, three categories) "N together" never
 * spans the aisle, a category or a price keeps to its seats, wheelchair places go only to whoever asks for them (with
 * their companion seat), and a rush of 256 buyers of "2 together" is served whole with no stranded seat.
 */
class PlanBestAvailableIT {
    private final Api api = TestStack.api();

    @Test
    void aRushOf256PairsOnTheTheatreIsServedWholeNeverAcrossTheAisleAndStrandsNoSeat() throws Exception {
        Theatre theatre = theatre();

        List<Api.Response> answers = Rush.of(api, 256, buyer -> Map.of("quantity", 2, "together", true),
                theatre.eventId());

        Set<String> held = new HashSet<>();
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            List<String> pair = Rush.seatIds(answer.json());
            theatre.assertNeighbours(pair);
            pair.forEach(seat -> {
                assertThat(held.add(seat)).as("seat %s held twice", seat).isTrue();
                assertThat(theatre.forWheelchairs(seat)).as("%s is kept for wheelchair users", seat).isFalse();
            });
        }
        assertThat(theatre.loneSeats()).as("free seats with no free neighbour in their row segment").isEmpty();
        assertThat(held.stream().filter(seat -> seat.startsWith("th-S-A-")).count())
                .as("the row nearest the stage filled first, as far as pairs fill its two halves of 15 without stranding a seat")
                .isGreaterThanOrEqualTo(24);
        assertThat(held.stream().filter(seat -> seat.startsWith("th-B-J-")).count())
                .as("the balcony's last row, furthest from the stage, is left").isZero();
    }

    @Test
    void aCategoryAPriceAndWheelchairPlacesEachKeepToTheirSeats() {
        Theatre theatre = theatre();
        String buyer = api.newUser("buyer");

        Api.Response inB = hold(theatre, buyer, Map.of("quantity", 4, "together", true, "category", "B"));
        assertThat(inB.status()).as(inB.toString()).isEqualTo(201);
        Rush.seatIds(inB.json()).forEach(seat -> assertThat(theatre.category(seat)).isEqualTo("B"));
        theatre.assertNeighbours(Rush.seatIds(inB.json()));

        Api.Response cheap = hold(theatre, api.newUser("buyer"), Map.of("quantity", 3, "maxPrice", "40"));
        assertThat(cheap.status()).as(cheap.toString()).isEqualTo(201);
        Rush.seatIds(cheap.json()).forEach(seat -> assertThat(theatre.category(seat)).isEqualTo("C"));

        Api.Response accessible = hold(theatre, api.newUser("buyer"),
                Map.of("quantity", 2, "together", true, "accessible", true));
        assertThat(accessible.status()).as(accessible.toString()).isEqualTo(201);
        List<String> pair = Rush.seatIds(accessible.json());
        theatre.assertNeighbours(pair);
        assertThat(pair.stream().filter(theatre::wheelchair)).hasSize(1);
        assertThat(pair.stream().filter(theatre::companion)).hasSize(1);

        Api.Response second = hold(theatre, api.newUser("buyer"), Map.of("quantity", 1, "accessible", true));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(Rush.seatIds(second.json())).allSatisfy(seat -> assertThat(theatre.wheelchair(seat)).isTrue());
        Api.Response none = hold(theatre, api.newUser("buyer"), Map.of("quantity", 1, "accessible", true));
        assertThat(none.status()).as("the theatre has two wheelchair places").isEqualTo(409);

        Api.Response noSuchCategory = hold(theatre, buyer, Map.of("quantity", 2, "category", "Z"));
        assertThat(noSuchCategory.status()).isEqualTo(400);
        assertThat(noSuchCategory.json().get("category").asText()).isEqualTo("Z");
        assertThat(hold(theatre, buyer, Map.of("quantity", 2, "maxPrice", "-3")).status()).isEqualTo(400);
        assertThat(api.post("/events/" + theatre.eventId() + "/holds", buyer,
                Map.of("seats", List.of("th-S-A-1"), "category", "A")).status()).isEqualTo(400);
    }

    private Api.Response hold(Theatre theatre, String token, Map<String, Object> body) {
        return api.post("/events/" + theatre.eventId() + "/holds", token, body);
    }

    /** A new event on a new copy of the theatre, with its plan as the event answers it. */
    private Theatre theatre() {
        String organiser = api.organiser();
        String venueId = api.post("/venues", organiser, SamplePlans.theatre()).json().get("id").asText();
        String eventId = api.createEventOnVenue(organiser, venueId, Api.THEATRE_PRICES);
        return new Theatre(api, eventId, api.get("/events/" + eventId + "/plan", null).json());
    }

    /** The theatre event's plan: each seat's row segment (between aisles), category and flags. */
    private record Theatre(Api api, String eventId, JsonNode plan) {
        private Map<String, JsonNode> seats() {
            Map<String, JsonNode> seats = new HashMap<>();
            plan.get("rows").forEach(row -> row.get("seats").forEach(seat -> seats.put(seat.get("id").asText(), seat)));
            return seats;
        }

        String category(String seat) {
            return seats().get(seat).get("category").asText();
        }

        boolean wheelchair(String seat) {
            return seats().get(seat).path("wheelchair").asBoolean();
        }

        boolean companion(String seat) {
            return seats().get(seat).path("companion").asBoolean();
        }

        boolean forWheelchairs(String seat) {
            return wheelchair(seat) || companion(seat);
        }

        /** Each row segment's seat ids in order: a row cut at every aisle or gap. */
        List<List<String>> segments() {
            List<List<String>> segments = new ArrayList<>();
            plan.get("rows").forEach(row -> {
                List<String> segment = new ArrayList<>();
                for (JsonNode seat : row.get("seats")) {
                    if (seat.path("gapBefore").asBoolean()) {
                        segments.add(segment);
                        segment = new ArrayList<>();
                    }
                    segment.add(seat.get("id").asText());
                }
                segments.add(segment);
            });
            return segments;
        }

        /** The seats are consecutive in one row segment: no aisle or gap between them. */
        void assertNeighbours(List<String> seats) {
            List<String> segment = segments().stream().filter(s -> s.contains(seats.get(0))).findFirst().orElseThrow();
            int first = segment.indexOf(seats.get(0));
            assertThat(segment.subList(first, Math.min(segment.size(), first + seats.size())))
                    .as("%s side by side in %s", seats, segment).containsExactlyElementsOf(seats);
        }

        /** Free seats (as storage has them) whose neighbours in their segment are all taken. */
        List<String> loneSeats() {
            Map<String, String> statuses = api.seatStatuses(eventId, null);
            List<String> lone = new ArrayList<>();
            for (List<String> segment : segments()) {
                for (int i = 0; i < segment.size(); i++) {
                    boolean free = statuses.get(segment.get(i)).equals("AVAILABLE");
                    boolean leftFree = i > 0 && statuses.get(segment.get(i - 1)).equals("AVAILABLE");
                    boolean rightFree = i + 1 < segment.size() && statuses.get(segment.get(i + 1)).equals("AVAILABLE");
                    if (free && !leftFree && !rightFree) {
                        lone.add(segment.get(i));
                    }
                }
            }
            return lone;
        }
    }
}
