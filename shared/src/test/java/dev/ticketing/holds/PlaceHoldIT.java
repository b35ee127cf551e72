package dev.ticketing.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.events.model.SingleSeatRule;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.PlacedHold;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.seats.model.Seat;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.testing.AtOnce;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Placing a hold ({@link PlaceHold#place}, seats by id) against DynamoDB Local: the seats are taken at once with a
 * PENDING ticket each, for the sum of their prices, until now + the hold duration (10 minutes here); of buyers racing
 * for a seat exactly one gets it and each other is told which seat, with nothing held for them; a retry with the same
 * Idempotency-Key, even at the same moment, answers the first hold; nothing is held outside the sales window. The hold
 * transaction's own items (lease, slot, each way it is cancelled) are {@code HoldTransitionsIT}'s, the open-hold limit
 * {@code ActiveHoldSlotsIT}'s, best available {@code AllocationTransitionsIT}'s.
 */
class PlaceHoldIT {
    private static final Duration HOLD_DURATION = Duration.ofMinutes(10);

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final PlaceHold place = office.bean(PlaceHold.class);

    @Test
    void aHoldTakesTheSeatsWithAPendingTicketEachForTheSumOfTheirPricesUntilTheHoldDurationIsUp() {
        Event event = office.store.newEvent(event(Instant.EPOCH, office.clock().instant().plus(Duration.ofDays(1)),
                new PriceTier(1, 1, new BigDecimal("35.50")), new PriceTier(2, 2, new BigDecimal("20.00"))));
        Instant before = office.now();

        Hold hold = place.place(new Caller("alice", false), event.id(), HoldRequest.ofSeats(List.of("2-3", "1-1")), null)
                .hold();

        Instant after = office.now();
        assertThat(hold.seats()).extracting(HeldSeat::id).containsExactly("1-1", "2-3");
        assertThat(hold.amount()).isEqualByComparingTo("55.50");
        assertThat(hold.createdAt()).isBetween(before, after);
        assertThat(hold.expiresAt()).isEqualTo(hold.createdAt().plus(HOLD_DURATION));
        StoredHold stored = office.bean(HoldReader.class).load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(stored.hold().tickets()).extracting(Ticket::seatId, Ticket::status).containsExactlyInAnyOrder(
                tuple("1-1", TicketStatus.PENDING),
                tuple("2-3", TicketStatus.PENDING));
        assertThat(office.seatStates(event, "1-1", "2-3", "1-2")).containsOnly(
                Map.entry("1-1", "RESERVED by " + hold.id()), Map.entry("2-3", "RESERVED by " + hold.id()),
                Map.entry("1-2", "AVAILABLE by null"));
        assertThat(office.bean(SeatMapReader.class).read(event.id()).seats())
                .filteredOn(seat -> seat.status() == SeatStatus.RESERVED).extracting(Seat::id)
                .containsExactlyInAnyOrder("1-1", "2-3");
        assertThat(office.bean(ListOpenHolds.class).open("alice", event.id()))
                .extracting(open -> open.hold().id()).containsExactly(hold.id());
    }

    @Test
    void ofBuyersRacingForASeatExactlyOneGetsItAndEveryOtherIsToldWhichSeatWithNothingHeld() {
        int buyers = 6;
        Event event = office.newEvent(2, buyers);
        List<Callable<Hold>> racing = new ArrayList<>();
        for (int b = 1; b <= buyers; b++) {
            // each wants the contested 1-1 and a seat of row 2 nobody else asks for
            String buyer = "buyer" + b;
            String own = "2-" + b;
            racing.add(() -> office.hold(buyer, event, "1-1", own));
        }

        List<AtOnce.Outcome<Hold>> outcomes = AtOnce.all(racing);

        List<Hold> won = outcomes.stream().filter(AtOnce.Outcome::succeeded).map(AtOnce.Outcome::value).toList();
        assertThat(won).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).hasSize(buyers - 1)
                .allSatisfy(lost -> assertThat(lost.thrown()).isInstanceOfSatisfying(SeatsUnavailableException.class,
                        refused -> assertThat(refused.unavailableSeats()).containsExactly("1-1")));
        Hold winner = won.get(0);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "RESERVED by " + winner.id());
        for (int b = 1; b <= buyers; b++) {
            String buyer = "buyer" + b;
            if (!buyer.equals(winner.userId())) {
                assertThat(office.seatStates(event, "2-" + b)).as(buyer).containsEntry("2-" + b, "AVAILABLE by null");
                assertThat(office.bean(ListOpenHolds.class).open(buyer, event.id())).as(buyer).isEmpty();
            }
        }
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstHoldAndTheKeyServesNoOtherRequest() {
        Event event = office.newEvent(1, 4);
        Caller alice = new Caller("alice", false);
        HoldRequest request = HoldRequest.ofSeats(List.of("1-1", "1-2"));
        PlacedHold first = place.place(alice, event.id(), request, "hold-once");

        PlacedHold again = place.place(alice, event.id(), request, "hold-once");

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.hold().id()).isEqualTo(first.hold().id());
        assertThatThrownBy(() -> place.place(alice, event.id(), HoldRequest.ofSeats(List.of("1-3")), "hold-once"))
                .isInstanceOf(IdempotencyKeys.KeyReusedException.class);
        assertThat(office.seatStates(event, "1-3")).containsEntry("1-3", "AVAILABLE by null");
    }

    @Test
    void retriesWithTheSameKeyAtTheSameMomentAllAnswerOneHold() {
        Event event = office.newEvent(1, 4);
        Caller alice = new Caller("alice", false);
        HoldRequest request = HoldRequest.ofSeats(List.of("1-2", "1-3"));

        List<AtOnce.Outcome<PlacedHold>> outcomes = AtOnce.times(4,
                () -> place.place(alice, event.id(), request, "double-click"));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.thrown()).isNull());
        assertThat(outcomes).extracting(outcome -> outcome.value().hold().id()).containsOnly(
                outcomes.get(0).value().hold().id());
        assertThat(outcomes).filteredOn(outcome -> !outcome.value().replayed()).hasSize(1);
        assertThat(office.bean(ListOpenHolds.class).open("alice", event.id())).hasSize(1);
    }

    @Test
    void outsideTheSalesWindowNothingIsHeld() {
        Instant now = office.clock().instant();
        Event notYet = office.store.newEvent(event(now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)),
                new PriceTier(1, 2, new BigDecimal("20.00"))));
        Event over = office.store.newEvent(event(now.minus(Duration.ofDays(1)), now.minusSeconds(1),
                new PriceTier(1, 2, new BigDecimal("20.00"))));

        for (Event closed : List.of(notYet, over)) {
            assertThatThrownBy(() -> office.hold("alice", closed, "1-1"))
                    .isInstanceOfSatisfying(ConflictException.class,
                            refused -> assertThat(refused.type()).isEqualTo("sales-closed"));
            assertThat(office.seatStates(closed, "1-1")).containsEntry("1-1", "AVAILABLE by null");
        }
        assertThat(office.bean(ListOpenHolds.class).open("alice", null)).isEmpty();
    }

    /** An event of two rows of four seats, priced by {@code prices}, on sale from {@code salesStart} to {@code salesEnd}. */
    private Event event(Instant salesStart, Instant salesEnd, PriceTier... prices) {
        return new Event(UUID.randomUUID().toString(), "Place hold test", office.clock().instant().plus(Duration.ofDays(30)),
                2, 4, "EUR", List.of(prices), Event.rowsPerBlockFor(4), SingleSeatRule.ALLOW, salesStart, salesEnd);
    }
}
