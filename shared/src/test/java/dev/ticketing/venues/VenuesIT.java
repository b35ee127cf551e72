package dev.ticketing.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.identity.Caller;
import dev.ticketing.identity.Caller.Role;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.testing.DataLayer;
import dev.ticketing.venues.formats.SamplePlans;
import dev.ticketing.venues.items.PlanItems;
import dev.ticketing.venues.model.PlanChanges;
import dev.ticketing.venues.model.PlanChanges.SeatChange;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.Venue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Venues and their plan versions against DynamoDB Local ({@link ImportVenue}, {@link ReadVenues}, {@link EditPlan}):
 * a plan is stored whole and read back as it went in, a big one in chunks; a change makes the next version and leaves
 * the one before as it was; a bad plan writes nothing; organisers see only their own venues.
 */
class VenuesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller OLGA = new Caller("olga", Set.of(Role.ORGANIZER), "org-1");
    private static final Caller OSCAR = new Caller("oscar", Set.of(Role.ORGANIZER), "org-1");
    private static final Caller BORIS = new Caller("boris", Set.of(Role.ORGANIZER), "org-2");
    private static final Caller ADMIN = new Caller("ada", true);

    private final DataLayer data = new DataLayer();
    private final ImportVenue imports = data.bean(ImportVenue.class);
    private final ReadVenues reads = data.bean(ReadVenues.class);
    private final EditPlan edits = data.bean(EditPlan.class);

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void anImportedPlanIsStoredAndComesBackAsItWentIn() throws Exception {
        Venue venue = imports.importPlan(OLGA, PlanFormat.PRETIX, SamplePlans.studio());

        assertThat(venue.name()).isEqualTo("Studio");
        assertThat(venue.seats()).isEqualTo(7);
        assertThat(venue.categories()).containsExactly("Front", "Back");
        assertThat(venue.version()).isEqualTo(1);
        assertThat(reads.get(OSCAR, venue.id())).isEqualTo(venue);
        assertThat(sameJson(reads.plan(OLGA, venue.id(), null, PlanFormat.PRETIX), SamplePlans.studio())).isTrue();
        assertThat(reads.plan(OLGA, venue.id(), "1", PlanFormat.TICKETING)).contains("\"gapBefore\":true");
    }

    @Test
    void aStadiumsPlanIsStoredInChunksAndComesBackWhole() throws Exception {
        String stadium = SamplePlans.hall("Stadium", "st", 100_000);
        Venue venue = imports.importPlan(ADMIN, PlanFormat.PRETIX, stadium);

        assertThat(venue.seats()).isEqualTo(100_000);
        long chunks = data.dynamo.query(b -> b.tableName(data.table)
                .keyConditionExpression("pk = :venue AND begins_with(sk, :chunks)")
                .expressionAttributeValues(java.util.Map.of(
                        ":venue", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("VENUE#" + venue.id()),
                        ":chunks", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PLAN#000001#CHUNK#"))))
                .count();
        assertThat(chunks).as("chunks of at most %d bytes", PlanItems.CHUNK_BYTES).isGreaterThan(1);
        assertThat(sameJson(reads.plan(ADMIN, venue.id(), null, PlanFormat.PRETIX), stadium)).isTrue();
    }

    @Test
    void aChangeMakesTheNextVersionAndLeavesTheOneBeforeAsItWas() {
        Venue venue = imports.importPlan(OLGA, PlanFormat.PRETIX, SamplePlans.studio());

        Venue changed = edits.change(OSCAR, venue.id(), new PlanChanges(List.of(
                new SeatChange("st-B-1", true, null, null, null), new SeatChange("st-B-2", null, true, true, null),
                new SeatChange("st-A-3", null, null, null, false))));

        assertThat(changed.version()).isEqualTo(2);
        assertThat(reads.get(OLGA, venue.id()).version()).isEqualTo(2);
        String now = reads.plan(OLGA, venue.id(), null, PlanFormat.TICKETING);
        assertThat(now).contains("{\"id\":\"st-B-1\",\"number\":\"1\",\"x\":20,\"y\":70,\"category\":\"Back\",\"wheelchair\":true}")
                .contains("\"companion\":true,\"restrictedView\":true").doesNotContain("gapBefore");
        assertThat(reads.plan(OLGA, venue.id(), "1", PlanFormat.TICKETING)).contains("\"gapBefore\":true")
                .doesNotContain("wheelchair");
        assertThatThrownBy(() -> edits.change(OLGA, venue.id(), new PlanChanges(List.of(
                new SeatChange("st-Z-9", true, null, null, null)))))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        problem -> assertThat(problem.extensions()).containsEntry("path", "/seats/0/id"));
        assertThatThrownBy(() -> edits.change(OLGA, venue.id(), new PlanChanges(List.of(
                new SeatChange("st-A-1", null, null, null, true)))))
                .isInstanceOfSatisfying(InvalidRequestException.class, problem -> assertThat(problem.extensions())
                        .containsEntry("path", "/sections/0/rows/0/seats/0/gapBefore"));
        assertThat(reads.get(OLGA, venue.id()).version()).isEqualTo(2);
    }

    @Test
    void aBadPlanWritesNothing() {
        String broken = SamplePlans.studio().replace("\"category\": \"Back\"}]}]", "\"category\": \"Balcony\"}]}]");

        assertThatThrownBy(() -> imports.importPlan(OLGA, PlanFormat.PRETIX, broken))
                .isInstanceOfSatisfying(InvalidRequestException.class, problem -> assertThat(problem.extensions())
                        .containsEntry("path", "/zones/0/rows/1/seats/2/category"));
        assertThat(data.dynamo.scan(b -> b.tableName(data.table)).items())
                .noneMatch(item -> item.get(Keys.PK).s().startsWith("VENUE#"));
    }

    @Test
    void organisersSeeOnlyTheirOwnVenuesAndAdminsAll() {
        Venue olgas = imports.importPlan(OLGA, PlanFormat.PRETIX, SamplePlans.studio());
        Venue boriss = imports.importPlan(BORIS, PlanFormat.PRETIX, SamplePlans.hall("Boris hall", "b", 50));

        assertThat(reads.list(OSCAR, 50, null).items()).extracting(Venue::id).containsExactly(olgas.id());
        assertThat(reads.list(BORIS, 50, null).items()).extracting(Venue::id).containsExactly(boriss.id());
        assertThat(reads.list(ADMIN, 50, null).items()).extracting(Venue::id).containsExactlyInAnyOrder(olgas.id(), boriss.id());
        Page<Venue> first = reads.list(ADMIN, 1, null);
        assertThat(first.next()).isNotNull();
        assertThat(reads.list(ADMIN, 1, first.next()).items()).hasSize(1);
        assertThatThrownBy(() -> reads.list(OLGA, 1, "bm90LWEtY3Vyc29y")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> reads.get(BORIS, olgas.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reads.plan(BORIS, olgas.id(), null, PlanFormat.PRETIX)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> edits.change(BORIS, olgas.id(), new PlanChanges(List.of(
                new SeatChange("st-A-1", true, null, null, null))))).isInstanceOf(NotFoundException.class);
        Caller buyer = new Caller("bob", false);
        assertThatThrownBy(() -> reads.list(buyer, 50, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> imports.importPlan(buyer, PlanFormat.PRETIX, SamplePlans.studio()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(reads.get(ADMIN, olgas.id())).isEqualTo(olgas);
    }

    /** Equal JSON up to key order, numbers by value. */
    static boolean sameJson(String a, String b) throws Exception {
        JsonNode x = JSON.readTree(a);
        JsonNode y = JSON.readTree(b);
        return x.equals((m, n) -> m.isNumber() && n.isNumber()
                ? m.decimalValue().compareTo(n.decimalValue()) : m.equals(n) ? 0 : 1, y);
    }
}
