package dev.ticketing.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.ExpiryOutcome;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hold's storage transitions against DynamoDB Local, without HTTP: take (the hold transaction), expiry (the end
 * transaction), the active-hold slot, the idempotency key and the expiry index, with each way the hold transaction can
 * be cancelled. Releasing is {@code ReleaseHoldIT}'s.
 */
class HoldTransitionsIT {
    private static DataLayer store;
    private static SeatHolder holder;
    private static ReleaseHold releaser;
    private static HoldReader holds;
    private static ActiveHoldGuard guard;
    private static ExpireHolds expired;
    private static BoxOffice office;

    @BeforeAll
    static void start() {
        store = new DataLayer();
        holder = store.bean(SeatHolder.class);
        releaser = store.bean(ReleaseHold.class);
        holds = store.bean(HoldReader.class);
        guard = store.bean(ActiveHoldGuard.class);
        expired = store.bean(ExpireHolds.class);
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
    void aSeatOfAnExpiredHoldCanBeTakenAtOnce() {
        Event event = store.newEvent(1, 2);
        Hold first = hold("alice", event, "1-1");
        store.clock.advance(Duration.ofMinutes(10));

        Hold second = hold("bob", event, "1-1");

        assertThat(seatStates(event, "1-1")).containsEntry("1-1", "RESERVED by " + second.id());
        assertThat(holds.find(first.id()).orElseThrow().status()).isEqualTo(HoldStatus.EXPIRED);
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

    @Test
    void expiryEndsTheHoldExpiredAndLeavesASeatSomeoneElseTookAlone() {
        Event event = store.newEvent(1, 4);
        Hold lapsed = hold("frank", event, "1-1", "1-2");
        store.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(dueHolds()).contains(lapsed.id());
        Hold retaken = hold("gina", event, "1-2");

        assertThat(expired.expire(lapsed.id())).isEqualTo(ExpiryOutcome.ENDED);

        assertThat(holds.load(lapsed.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "RESERVED by " + retaken.id()));
        assertThat(dueHolds()).doesNotContain(lapsed.id());
        assertThat(expired.expire(lapsed.id())).isEqualTo(ExpiryOutcome.ALREADY_ENDED);
    }

    @Test
    void anEndedHoldLeftInTheExpiryIndexIsUnindexedAndAnActiveOneNever() {
        Event event = store.newEvent(1, 4);
        Hold active = hold("hank", event, "1-1");
        store.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        expired.unindex(active.id());
        assertThat(dueHolds()).as("an ACTIVE hold stays in the index").contains(active.id());

        releaser.end(active.id(), HoldStatus.EXPIRED);
        expired.unindex(active.id());
        assertThat(dueHolds()).doesNotContain(active.id());
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

    private static List<String> dueHolds() {
        return office.dueHolds();
    }
}
