package dev.ticketing.endtoend.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.config.SeatMapConfig;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.map.SeatMap;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compact seat map's promise, on the whole local stack (its stream reader runs the projection function from
 * template.yaml): a change of a seat made by any instance, here straight through the data layer as the payment
 * processor or another API instance would, is visible to every viewer within 1 s of the write's answer. The
 * viewers are four API instances' snapshots ({@link SeatMapCache}, each with a map read just before the write,
 * the worst case) and the stack's own HTTP API.
 */
class SeatMapFreshnessIT {
    private static final Duration BOUND = SeatMapConfig.FRESHNESS_BOUND;

    private static Api api;
    private static Table table;
    private static SeatItems seatItems;
    private static EventReader events;
    private static final List<SeatMapCache> instances = new ArrayList<>();

    @BeforeAll
    static void start() {
        LocalSystem stack = TestStack.get();
        api = TestStack.api();
        // another function's beans: its writes never pass through the API's own snapshot
        ApplicationContext processor = stack.applicationContext("PaymentProcessorFunction");
        table = processor.getBean(Table.class);
        seatItems = new SeatItems(processor.getBean(Table.class));
        events = processor.getBean(EventReader.class);
        SeatMapReader maps = stack.applicationContext("ApiFunction").getBean(SeatMapReader.class);
        for (int i = 0; i < 4; i++) {
            instances.add(new SeatMapCache(maps, TestStack.clock(), new SeatMapConfig(Duration.ofMillis(500))));
        }
    }

    @Test
    void aHoldAReleaseAndASaleMadeBehindTheApisBackReachEveryViewerWithinOneSecond() {
        Event event = events.get(api.createEvent(20, 50));
        SeatId seat = new SeatId(17, 33);
        Instant now = TestStack.clock().instant();

        Instant taken = write(() -> seatItems.take(event, seat, "hold-f1", "ticket-f1", "user-f1",
                now.plus(Duration.ofMinutes(10)), now), event);
        assertVisibleEverywhere(event, seat, 'R', taken);

        Instant released = write(() -> seatItems.release(event, seat, "hold-f1"), event);
        assertVisibleEverywhere(event, seat, 'A', released);

        Instant retaken = write(() -> seatItems.take(event, seat, "hold-f2", "ticket-f2", "user-f2",
                now.plus(Duration.ofMinutes(10)), TestStack.clock().instant()), event);
        assertVisibleEverywhere(event, seat, 'R', retaken);
        Instant sold = write(() -> seatItems.sell(event, seat, "hold-f2", "payment-f2", TestStack.clock().instant()), event);
        assertVisibleEverywhere(event, seat, 'S', sold);
    }

    /** Every viewer reads the map (a snapshot as fresh as can be), then the write: returns when it was answered. */
    private static Instant write(Supplier<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> write,
                                 Event event) {
        for (SeatMapCache instance : instances) {
            instance.compact(event.id());
        }
        api.get("/events/" + event.id() + "/seats?format=compact", null);
        assertThat(table.writeAlone(write.get())).isTrue();
        return Instant.now();
    }

    private static void assertVisibleEverywhere(Event event, SeatId seat, char status, Instant answered) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (SeatMapCache instance : instances) {
                if (statusIn(instance.compact(event.id()).map().compact(), seat) != status) {
                    return false;
                }
            }
            Api.Response viaHttp = api.get("/events/" + event.id() + "/seats?format=compact", null);
            return viaHttp.json().get("rows").get(seat.row() - 1).get("seats").asText().charAt(seat.column() - 1) == status;
        });
        assertThat(Duration.between(answered, Instant.now())).isLessThanOrEqualTo(BOUND);
    }

    private static char statusIn(SeatMap.Compact map, SeatId seat) {
        return map.rows().get(seat.row() - 1).seats().charAt(seat.column() - 1);
    }
}
