package dev.ticketing.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.testing.DataLayer;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hold transaction's storage against DynamoDB Local, without HTTP: what taking seats writes (the hold, its tickets,
 * seats, lease and the active-hold slot), each way the transaction can be cancelled, the slot claimed in it and the
 * idempotency key. Releasing is {@code ReleaseHoldIT}'s, expiry and the expiry index {@code ExpireHoldsIT}'s.
 */
class HoldTransitionsIT {
    private static DataLayer store;
    private static SeatHolder holder;
    private static HoldReader holds;
    private static ActiveHoldGuard guard;
    private static BoxOffice office;

    @BeforeAll
    static void start() {
        store = new DataLayer();
        holder = store.bean(SeatHolder.class);
        holds = store.bean(HoldReader.class);
        guard = store.bean(ActiveHoldGuard.class);
        office = new BoxOffice(store);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void takingSeatsReservesThemCreatesPendingTicketsAndClaimsTheUsersSlot() {
        Event event = store.newEvent(2, 4);
        Hold hold = hold("alice", event, "1-1", "1-2");

        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.PENDING);
        assertThat(stored.hold().amount()).isEqualByComparingTo("40.00");
        assertThat(seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "RESERVED by " + hold.id()),
                Map.entry("1-2", "RESERVED by " + hold.id()));
        assertThat(leaseExists(hold.id())).isTrue();
        assertThatThrownBy(() -> guard.freeSlot("alice", event.id(), store.clock.instant()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("You already hold seats");
    }

    @Test
    void aTakenSeatCancelsTheWholeHoldAndIsNamed() {
        Event event = store.newEvent(2, 4);
        hold("alice", event, "1-2");

        assertThatThrownBy(() -> hold("bob", event, "1-1", "1-2", "1-3"))
                .isInstanceOfSatisfying(SeatsUnavailableException.class,
                        refused -> assertThat(refused.unavailableSeats()).containsExactly("1-2"));
        assertThat(seatStates(event, "1-1", "1-3")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-3", "AVAILABLE by null"));
        assertThat(guard.slotFor("bob", event.id(), store.clock.instant())).as("bob's slot stays free").isPresent();
    }

    @Test
    void theSlotIsClaimedInTheHoldTransaction() {
        Event event = store.newEvent(1, 4);
        Optional<ActiveHoldGuard.Slot> slot = guard.slotFor("carol", event.id(), store.clock.instant());
        hold("carol", event, "1-1");

        // a second request that looked up the same free slot before the first committed loses it
        assertThatThrownBy(() -> holder.holdSeats(new Caller("carol", false), event, SeatHolder.Pick.of(List.of(new SeatId(1, 3))),
                Optional.empty(), slot))
                .isInstanceOfSatisfying(ConflictException.class, limit -> assertThat(limit.type()).isEqualTo("active-hold-limit"));
        assertThat(seatStates(event, "1-3")).containsEntry("1-3", "AVAILABLE by null");
    }

    @Test
    void aRecordedKeyAnswersTheHoldItCreated() {
        Event event = store.newEvent(1, 4);
        Optional<IdempotencyKeys.Key> key = IdempotencyKeys.of("holds", "dave", "key-1", "same request");
        Hold first = holder.holdSeats(new Caller("dave", false), event, SeatHolder.Pick.of(List.of(new SeatId(1, 1))), key, Optional.empty());

        Hold again = holder.holdSeats(new Caller("dave", false), event, SeatHolder.Pick.of(List.of(new SeatId(1, 4))), key, Optional.empty());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(seatStates(event, "1-4")).as("the replay took nothing").containsEntry("1-4", "AVAILABLE by null");
        assertThatThrownBy(() -> store.bean(IdempotencyKeys.class)
                .recorded(IdempotencyKeys.of("holds", "dave", "key-1", "another request").orElseThrow()))
                .isInstanceOf(IdempotencyKeys.KeyReusedException.class);
    }

    private static Hold hold(String user, Event event, String... seatIds) {
        Caller caller = new Caller(user, false);
        return holder.holdSeats(caller, event, SeatHolder.Pick.of(List.of(seatIds).stream().map(SeatId::parse).toList()), Optional.empty(),
                guard.slotFor(user, event.id(), store.clock.instant()));
    }

    private static Map<String, String> seatStates(Event event, String... seatIds) {
        return office.seatStates(event, seatIds);
    }

    private static boolean leaseExists(String holdId) {
        return office.leaseExists(holdId);
    }
}
