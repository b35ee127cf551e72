package dev.ticketing.endtoend.venues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.input.RequestLimits;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.RawHttp;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.venues.formats.SamplePlans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Venues over HTTP against the local stack (issue 20, items 1 and 2; docs/venues.md): an organiser imports pretix's
 * plan and gets it back equal up to key order; each kind of bad plan is a 400 naming its first offending path and
 * stores nothing; flags are set on an imported plan as its next version; another organisation's organiser finds no
 * such venue, a buyer may not manage venues; a plan body may be 5 MiB on this route only.
 */
class VenuesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api = TestStack.api();
    private final RawHttp raw = RawHttp.to(api.baseUrl());

    @Test
    void anOrganiserImportsAPretixPlanAndGetsItBack() throws Exception {
        String olga = api.organiser("olga", org());

        for (String plan : List.of(SamplePlans.studio(), SamplePlans.hall("Arena", "ar", 20_000))) {
            Api.Response created = importPretix(olga, plan);
            assertThat(created.status()).as(created.toString().substring(0, Math.min(300, created.toString().length())))
                    .isEqualTo(201);
            JsonNode venue = created.json();
            assertThat(created.headers().firstValue("Location")).hasValue("/venues/" + venue.get("id").asText());
            assertThat(venue.get("name").asText()).isEqualTo(JSON.readTree(plan).get("name").asText());
            assertThat(venue.get("version").asInt()).isEqualTo(1);
            Api.Response exported = api.get("/venues/" + venue.get("id").asText() + "/plan?format=pretix", olga);
            assertThat(exported.status()).isEqualTo(200);
            assertThat(exported.contentType()).startsWith("application/json");
            assertThat(sameJson(exported.json(), JSON.readTree(plan))).as("export(import(plan)) equals the plan").isTrue();
        }
        JsonNode studio = importPretix(olga, SamplePlans.studio()).json();
        assertThat(studio.get("seats").asInt()).isEqualTo(7);
        assertThat(studio.get("categories")).hasSize(2);
        assertThat(api.get("/venues/" + studio.get("id").asText(), olga).json()).isEqualTo(studio);
        assertThat(api.get("/venues", olga).json().get("venues")).hasSize(3);
    }

    @Test
    void eachKindOfBadPlanIsA400NamingItsPathAndStoresNothing() {
        String olga = api.organiser("olga", org());
        Map<String, String> bad = Map.of(
                "/zones/0/rows/1/seats/2/position", changed(plan -> seat(plan, 1, 2).remove("position")),
                "/zones/0/rows/0/seats/3/colour", changed(plan -> seat(plan, 0, 3).put("colour", "red")),
                "/zones/0/rows/1/seats/2/seat_guid", changed(plan -> seat(plan, 1, 2).put("seat_guid", "st-A-2")),
                "/zones/0/rows/1/seats/1/category", changed(plan -> seat(plan, 1, 1).put("category", "Balcony")),
                "/categories/2/name", changed(plan -> ((ArrayNode) plan.get("categories")).addObject().put("name", "Back")),
                "/zones/0/rows/0/seats/1/seat_number", changed(plan -> seat(plan, 0, 1).put("seat_number", 2)),
                "", "{\"name\": \"Studio\", ");
        bad.forEach((path, plan) -> {
            Api.Response refused = importPretix(olga, plan);
            assertThat(refused.status()).as(path + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.json().get("path").asText()).as(refused.toString()).isEqualTo(path);
        });
        // gzipped, so the whole plan is read (plain, it is over 5 MiB: a 413 before it is read)
        Api.Response tooMany = api.postGzipped("/venues?format=pretix", olga, SamplePlans.hall("Too big", "tb", 100_001));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
        assertThat(tooMany.json().get("path").asText()).as("the seat past the limit").startsWith("/zones/");
        assertThat(api.post("/venues?format=excel", olga, SamplePlans.studio()).status()).isEqualTo(400);
        assertThat(api.get("/venues", olga).json().get("venues")).as("nothing stored").isEmpty();
    }

    @Test
    void anOrganiserSetsFlagsOnAnImportedPlanAsItsNextVersion() {
        String olga = api.organiser("olga", org());
        String venue = importPretix(olga, SamplePlans.studio()).json().get("id").asText();

        Api.Response changed = api.send("PATCH", "/venues/" + venue + "/plan", olga, Map.of("seats", List.of(
                Map.of("id", "st-B-1", "wheelchair", true), Map.of("id", "st-B-2", "companion", true),
                Map.of("id", "st-A-1", "restrictedView", true))), Map.of());

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);
        String own = api.get("/venues/" + venue + "/plan", olga).body();
        assertThat(own).contains("\"format\":\"ticketing\"").contains("\"wheelchair\":true").contains("\"companion\":true")
                .contains("\"restrictedView\":true").contains("\"gapBefore\":true");
        assertThat(api.get("/venues/" + venue + "/plan?version=1", olga).body()).doesNotContain("wheelchair");
        // the project's own form, drawn or exported, imports as it is
        Api.Response again = api.post("/venues?format=ticketing", olga, own);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(api.get("/venues/" + again.json().get("id").asText() + "/plan", olga).body()).isEqualTo(own);
        Api.Response unknownSeat = api.send("PATCH", "/venues/" + venue + "/plan", olga,
                Map.of("seats", List.of(Map.of("id", "st-Z-1", "wheelchair", true))), Map.of());
        assertThat(unknownSeat.status()).isEqualTo(400);
        assertThat(unknownSeat.json().get("path").asText()).isEqualTo("/seats/0/id");
    }

    @Test
    void onlyTheVenuesOrganisationAndAdminsSeeIt() {
        String org = org();
        String olga = api.organiser("olga", org);
        String oscar = api.organiser("oscar", org);
        String boris = api.organiser("boris", "other-" + org);
        String venue = importPretix(olga, SamplePlans.studio()).json().get("id").asText();
        String path = "/venues/" + venue;

        assertThat(api.get(path, oscar).status()).isEqualTo(200);
        assertThat(api.get(path, api.admin()).status()).isEqualTo(200);
        assertThat(api.get("/venues", boris).json().get("venues")).isEmpty();
        for (Api.Response hidden : List.of(api.get(path, boris), api.get(path + "/plan?format=pretix", boris),
                api.send("PATCH", path + "/plan", boris, Map.of("seats", List.of(Map.of("id", "st-A-1",
                        "wheelchair", true))), Map.of()))) {
            assertThat(hidden.status()).as(hidden.toString()).isEqualTo(404);
        }
        String buyer = api.newUser("bob");
        assertThat(api.get("/venues", buyer).status()).isEqualTo(403);
        assertThat(importPretix(buyer, SamplePlans.studio()).status()).isEqualTo(403);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        assertThat(api.get(path + "/plan?version=2", olga).status()).isEqualTo(404);
    }

    @Test
    void aPlanMayBeFiveMebibytesOnThisRouteOnly() {
        String olga = api.organiser("olga", org());

        assertThat(raw.declaringOnly("/venues?format=pretix", olga, RequestLimits.MAX_PLAN_BODY_BYTES + 1).toString())
                .startsWith("413 ").contains("5242880 bytes");
        assertThat(raw.declaringOnly("/events", olga, RequestLimits.MAX_BODY_BYTES + 1).toString()).startsWith("413 ")
                .contains(RequestLimits.MAX_BODY_BYTES + " bytes");
        // without Content-Length, the front keeps no more of a body than its route takes
        assertThat(chunked("/venues?format=pretix", olga, RequestLimits.MAX_PLAN_BODY_BYTES + 1).toString()).startsWith("413 ")
                .contains("5242880 bytes");
        assertThat(chunked("/events", olga, RequestLimits.MAX_BODY_BYTES + 1).toString()).startsWith("413 ").contains(RequestLimits.MAX_BODY_BYTES + " bytes");
        // a plan of 30,000 seats, ten times what any other route takes
        String big = SamplePlans.hall("Big", "bg", 30_000);
        assertThat(big.length()).isGreaterThan(RequestLimits.MAX_BODY_BYTES * 10);
        assertThat(importPretix(olga, big).status()).isEqualTo(201);
    }

    private Api.Response importPretix(String token, String plan) {
        return api.post("/venues?format=pretix", token, plan);
    }

    private static String org() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }


    private static String changed(Consumer<ObjectNode> change) {
        try {
            ObjectNode plan = (ObjectNode) JSON.readTree(SamplePlans.studio());
            change.accept(plan);
            return JSON.writeValueAsString(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode seat(JsonNode plan, int row, int seat) {
        return (ObjectNode) plan.get("zones").get(0).get("rows").get(row).get("seats").get(seat);
    }

    /** Equal JSON up to key order, numbers by value. */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, b);
    }

    /**
     * The answer to a POST whose body of {@code length} bytes comes in chunks, without {@code Content-Length}
     * (sending stops when the server has answered and closed).
     */
    private Api.Response chunked(String path, String token, int length) {
        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return raw.send("POST", path, RawHttp.headers("Content-Type", "application/json",
                "Transfer-Encoding", "chunked", "Authorization", "Bearer " + token), out -> {
                    for (int sent = 0; sent < length; sent += 0x10000) {
                        out.write(chunk);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
    }
}
