package dev.ticketing.holds.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.identity.Caller;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems.SeatChange;
import dev.ticketing.seats.map.items.SeatMapBlockItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.testing.DataLayer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The allocator's view kept between turns: brought forward by the projection's newer seats only, never back. */
class KeptViewIT {
    private static DataLayer store;
    private static SeatBatches seats;
    private static SeatMapBlockItems blocks;

    @BeforeAll
    static void start() {
        store = new DataLayer();
        seats = store.bean(SeatBatches.class);
        blocks = new SeatMapBlockItems(store.bean(Table.class));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void aSeatChangesOnlyWhenTheProjectionHasANewerVersionOfIt() {
        Event event = store.newEvent(1, 4);
        store.bean(SeatHolder.class).holdSeats(new Caller("ann", false), event, SeatHolder.Pick.of(List.of(seat("1-1"))),
                Optional.empty(), Optional.empty());
        KeptView view = KeptView.read(seats, event);
        assertThat(view.grid(store.clock.instant()).isFree(seat("1-1"))).as("held when read").isFalse();

        // the projection lags: it still has 1-1 free at version 0 (nothing), then sees 1-3 taken at version 1
        long expiry = store.clock.instant().plus(Duration.ofMinutes(10)).toEpochMilli();
        blocks.apply(event.id(), 0, List.of(new SeatChange(event.id(), 0, seat("1-3"), 1, SeatStatus.RESERVED, expiry)));
        assertThat(view.refresh(blocks.readAll(event, true))).isEqualTo(1);

        assertThat(view.grid(store.clock.instant()).isFree(seat("1-1"))).isFalse();
        assertThat(view.grid(store.clock.instant()).isFree(seat("1-3"))).isFalse();
        assertThat(view.grid(store.clock.instant().plus(Duration.ofMinutes(11))).isFree(seat("1-3")))
                .as("free again once its hold is over").isTrue();
    }

    @Test
    void aSeatTakenHereStaysTakenUntilTheProjectionShowsANewerVersion() {
        Event event = store.newEvent(1, 4);
        KeptView view = KeptView.read(seats, event);

        view.taken(List.of(seat("1-2")));
        view.refresh(blocks.readAll(event, true));
        assertThat(view.grid(store.clock.instant()).isFree(seat("1-2"))).isFalse();

        // released since: the projection's version 2 of the seat is AVAILABLE
        blocks.apply(event.id(), 0, List.of(new SeatChange(event.id(), 0, seat("1-2"), 2, SeatStatus.AVAILABLE, 0)));
        view.refresh(blocks.readAll(event, true));
        assertThat(view.grid(store.clock.instant()).isFree(seat("1-2"))).isTrue();
    }

    private static SeatId seat(String id) {
        return SeatId.parse(id);
    }
}
