package dev.ticketing.seats.map;

import dev.ticketing.seats.map.items.SeatMapBlockItems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.model.Event;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.testing.DataLayer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The compact seat map kept from seat changes ({@link SeatMapProjection} into {@link SeatMapBlockItems}) and read back
 * ({@link SeatMapReader#readProjected}), against DynamoDB Local. The stream is played by hand: each seat's item as
 * it is after a real write ({@link SeatItems}) is what the stream record's new image carries, and the tests deliver
 * those images twice, late, and out of order as a stream mapping may.
 */
class SeatMapProjectionIT {
    private static DataLayer store;
    private static Table table;
    private static SeatItems seatItems;
    private static SeatMapProjection projection;
    private static SeatMapReader maps;

    @BeforeAll
    static void start() {
        store = new DataLayer();
        table = store.bean(Table.class);
        seatItems = new SeatItems(store.bean(Table.class));
        projection = store.bean(SeatMapProjection.class);
        maps = store.bean(SeatMapReader.class);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void aNewEventsMapIsWholeAndAvailableBeforeAnyChange() {
        Event event = store.newEvent(30, 40);

        SeatMap map = maps.readProjected(event.id());

        assertThat(event.blockCount()).isGreaterThan(1);
        assertThat(map.seats()).hasSize(1200).allMatch(seat -> seat.status() == SeatStatus.AVAILABLE);
        assertThat(compactRows(map)).containsOnly("A".repeat(40));
        assertThat(map.seats().get(1199).id()).isEqualTo("30-40");
    }

    @Test
    void changesInSeveralBlocksShowWithANewVersion() {
        Event event = store.newEvent(30, 40);
        String before = maps.readProjected(event.id()).version();
        Instant takenFrom = store.clock.instant();

        List<Map<String, AttributeValue>> images = new ArrayList<>();
        images.add(take(event, "1-2", "h1"));
        images.add(take(event, "30-40", "h2"));
        images.add(sell(event, "1-2", "h1"));
        int applied = projection.apply(images);

        SeatMap map = maps.readProjected(event.id());
        assertThat(applied).isEqualTo(2);   // 1-2's take and sale in one batch: only its latest state is written
        assertThat(statusOf(map, "1-2")).isEqualTo(SeatStatus.SOLD);
        assertThat(statusOf(map, "30-40")).isEqualTo(SeatStatus.RESERVED);
        assertThat(statusOf(map, "1-1")).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(map.version()).isNotEqualTo(before);
        assertThat(map.nextExpiry()).isBetween(takenFrom.plus(Duration.ofMinutes(10)).minusMillis(1),
                store.clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void theSameChangesDeliveredAgainChangeNothing() {
        Event event = store.newEvent(4, 5);
        List<Map<String, AttributeValue>> batch = List.of(take(event, "2-2", "h1"), take(event, "2-3", "h1"));
        projection.apply(batch);
        String version = maps.readProjected(event.id()).version();

        assertThat(projection.apply(batch)).isZero();
        assertThat(projection.apply(List.of(batch.get(1)))).isZero();

        SeatMap map = maps.readProjected(event.id());
        assertThat(map.version()).isEqualTo(version);
        assertThat(compactRows(map).get(1)).isEqualTo("ARRAA");
    }

    @Test
    void anOlderChangeArrivingAfterANewerOneNeverTakesASeatBack() {
        Event event = store.newEvent(4, 5);
        Map<String, AttributeValue> taken = take(event, "3-3", "h1");
        Map<String, AttributeValue> released = release(event, "3-3", "h1");
        Map<String, AttributeValue> takenAgain = take(event, "3-3", "h2");

        projection.apply(List.of(takenAgain, released));   // newest first, in one batch
        projection.apply(List.of(taken));                 // the oldest, in a late batch
        projection.apply(List.of(released));              // a redelivery of the middle one

        SeatMap map = maps.readProjected(event.id());
        assertThat(statusOf(map, "3-3")).isEqualTo(SeatStatus.RESERVED);
        projection.apply(List.of(release(event, "3-3", "h2")));
        assertThat(statusOf(maps.readProjected(event.id()), "3-3")).isEqualTo(SeatStatus.AVAILABLE);
    }

    @Test
    void aBatchWithSomeOldNewsStillAppliesItsNewChanges() {
        Event event = store.newEvent(4, 5);
        Map<String, AttributeValue> oldTake = take(event, "1-1", "h1");
        Map<String, AttributeValue> release = release(event, "1-1", "h1");
        projection.apply(List.of(release));

        int applied = projection.apply(List.of(oldTake, take(event, "1-5", "h2"), take(event, "4-1", "h3")));

        assertThat(applied).isEqualTo(2);
        assertThat(compactRows(maps.readProjected(event.id()))).containsExactly("AAAAR", "AAAAA", "AAAAA", "RAAAA");
    }

    @Test
    void aReservationWhoseTimeIsUpReadsAvailableWithANewVersion() {
        Event event = store.newEvent(2, 3);
        projection.apply(List.of(take(event, "1-1", "h1")));
        SeatMap held = maps.readProjected(event.id());

        store.clock.advance(Duration.ofMinutes(10));
        SeatMap expired = maps.readProjected(event.id());

        assertThat(statusOf(held, "1-1")).isEqualTo(SeatStatus.RESERVED);
        assertThat(statusOf(expired, "1-1")).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(expired.version()).isNotEqualTo(held.version());
    }

    @Test
    void aRenewalMovesTheExpiryTheMapShows() {
        Event event = store.newEvent(2, 3);
        projection.apply(List.of(take(event, "2-2", "h1")));
        Instant later = store.clock.instant().plus(Duration.ofMinutes(25));
        SeatId seat = SeatId.parse("2-2");
        assertThat(table.writeAlone(seatItems.renew(event, seat, "h1", "t-h1", "u-h1", later, store.clock.instant()))).isTrue();

        projection.apply(List.of(image(event, seat)));
        store.clock.advance(Duration.ofMinutes(15));

        assertThat(statusOf(maps.readProjected(event.id()), "2-2")).isEqualTo(SeatStatus.RESERVED);
    }

    @Test
    void aBlockedSeatAndItsCompShowInTheCompactMap() {
        Event event = store.newEvent(2, 4);
        Instant now = store.clock.instant();
        SeatId blocked = SeatId.parse("1-2");
        SeatId comp = SeatId.parse("2-4");
        assertThat(table.writeAlone(seatItems.block(event, blocked, now))).isTrue();
        assertThat(table.writeAlone(seatItems.block(event, comp, now))).isTrue();
        List<Map<String, AttributeValue>> images = new ArrayList<>(List.of(image(event, blocked), image(event, comp)));
        assertThat(table.writeAlone(seatItems.comp(event, comp, "h-comp", "t-comp", "guest", now))).isTrue();
        images.add(image(event, comp));

        projection.apply(images);

        SeatMap map = maps.readProjected(event.id());
        assertThat(compactRows(map)).containsExactly("ABAA", "AAAS");
        assertThat(statusOf(map, "1-2")).isEqualTo(SeatStatus.BLOCKED);
    }

    private static Map<String, AttributeValue> take(Event event, String id, String hold) {
        SeatId seat = SeatId.parse(id);
        Instant now = store.clock.instant();
        assertThat(table.writeAlone(seatItems.take(event, seat, hold, "t-" + hold, "u-" + hold,
                now.plus(Duration.ofMinutes(10)), now))).isTrue();
        return image(event, seat);
    }

    private static Map<String, AttributeValue> release(Event event, String id, String hold) {
        SeatId seat = SeatId.parse(id);
        assertThat(table.writeAlone(seatItems.release(event, seat, hold))).isTrue();
        return image(event, seat);
    }

    private static Map<String, AttributeValue> sell(Event event, String id, String hold) {
        SeatId seat = SeatId.parse(id);
        assertThat(table.writeAlone(seatItems.sell(event, seat, hold, "p-" + hold, store.clock.instant()))).isTrue();
        return image(event, seat);
    }

    /** The seat's item as it is now: what the stream record of its last write carries as the new image. */
    private static Map<String, AttributeValue> image(Event event, SeatId seat) {
        return new LinkedHashMap<>(store.dynamo.getItem(b -> b.tableName(store.table).key(SeatItems.key(event, seat))
                .consistentRead(true)).item());
    }

    private static SeatStatus statusOf(SeatMap map, String id) {
        return map.seats().stream().filter(seat -> seat.id().equals(id)).findFirst().orElseThrow().status();
    }

    private static List<String> compactRows(SeatMap map) {
        return map.compact().rows().stream().map(SeatMap.Row::seats).toList();
    }
}
