package dev.ticketing.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.ExpiryOutcome;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.holds.model.SweepReport;
import dev.ticketing.payments.SellHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.seats.model.Seat;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.testing.AtOnce;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expiry against DynamoDB Local: the moment a hold's time is up its seats are everyone's (lazy expiry: storage still
 * has the hold ACTIVE and nothing has run); cleanup ({@link ExpireHolds}, for the TTL trigger, and
 * {@link SweepExpiredHolds}, the sweeper) then ends it EXPIRED exactly once however often and however many at once
 * run, never takes a seat someone has taken since, never ends a hold before its time, and leaves a hold with a
 * payment in flight to reconciliation and a paid one alone.
 */
class ExpireHoldsIT {
    private static final Duration HOLD_DURATION = Duration.ofMinutes(10);

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final ExpireHolds expired = office.bean(ExpireHolds.class);
    private final ReleaseHold releaser = office.bean(ReleaseHold.class);
    private final HoldReader holds = office.bean(HoldReader.class);
    private final SweepExpiredHolds sweeper = office.bean(SweepExpiredHolds.class);

    @Test
    void whenItsTimeIsUpAHoldsSeatsAreEveryonesBeforeAnyCleanup() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        office.clock().advance(HOLD_DURATION.minusSeconds(1));
        assertThat(visibleStatuses(event)).containsExactly(SeatStatus.RESERVED, SeatStatus.RESERVED,
                SeatStatus.AVAILABLE, SeatStatus.AVAILABLE);

        office.clock().advance(Duration.ofSeconds(1));

        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).as("no cleanup has run").isEqualTo(HoldStatus.ACTIVE);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "RESERVED by " + hold.id());
        Hold seen = holds.find(hold.id()).orElseThrow();
        assertThat(seen.status()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(seen.tickets()).extracting(Ticket::status).containsOnly(TicketStatus.CANCELLED);
        assertThat(visibleStatuses(event)).containsOnly(SeatStatus.AVAILABLE);
        assertThat(office.bean(ListOpenHolds.class).open("alice", event.id())).isEmpty();
        assertThat(office.hold("alice", event, "1-2").status()).as("she may hold again").isEqualTo(HoldStatus.ACTIVE);
    }

    @Test
    void aSeatOfAnExpiredHoldCanBeTakenAtOnce() {
        Event event = office.newEvent(1, 2);
        Hold first = office.hold("alice", event, "1-1");
        office.clock().advance(Duration.ofMinutes(10));

        Hold second = office.hold("bob", event, "1-1");

        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "RESERVED by " + second.id());
        assertThat(holds.find(first.id()).orElseThrow().status()).isEqualTo(HoldStatus.EXPIRED);
    }

    @Test
    void expiryEndsTheHoldExpiredAndLeavesASeatSomeoneElseTookAlone() {
        Event event = office.newEvent(1, 4);
        Hold lapsed = office.hold("frank", event, "1-1", "1-2");
        office.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(office.dueHolds()).contains(lapsed.id());
        Hold retaken = office.hold("gina", event, "1-2");

        assertThat(expired.expire(lapsed.id())).isEqualTo(ExpiryOutcome.ENDED);

        assertThat(holds.load(lapsed.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "RESERVED by " + retaken.id()));
        assertThat(office.dueHolds()).doesNotContain(lapsed.id());
        assertThat(expired.expire(lapsed.id())).isEqualTo(ExpiryOutcome.ALREADY_ENDED);
    }

    @Test
    void theSweeperEndsAnExpiredHoldOnceHoweverOftenItRuns() {
        Event event = office.newEvent(1, 4);
        Hold hold = lapsedHold(event);

        SweepReport first = sweeper.sweep(100, () -> true);
        SweepReport second = sweeper.sweep(100, () -> true);

        assertThat(first.found()).isEqualTo(1);
        assertThat(first.ended()).isEqualTo(1);
        assertThat(second.found()).as("out of the expiry index").isZero();
        assertEndedExpired(hold);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "AVAILABLE by null"));
        assertThat(office.leaseExists(hold.id())).isFalse();
    }

    @Test
    void cleanupsRunningAtOnceWhileSomeoneTakesASeatEndTheHoldAndLeaveThemTheirSeat() {
        Event event = office.newEvent(1, 4);
        Hold hold = lapsedHold(event);
        Callable<String> ttlTrigger = () -> expired.expire(hold.id()).name();
        Callable<String> sweep = () -> {
            assertThat(sweeper.sweep(100, () -> true).failed()).isZero();
            return "swept";
        };

        List<AtOnce.Outcome<String>> outcomes = AtOnce.all(List.of(ttlTrigger, ttlTrigger, sweep, sweep,
                () -> office.hold("bob", event, "1-2").id()));

        assertThat(outcomes.subList(0, 4)).allSatisfy(cleanup -> assertThat(cleanup.thrown()).isNull());
        assertEndedExpired(hold);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "AVAILABLE by null");
        AtOnce.Outcome<String> bob = outcomes.get(4);
        if (bob.succeeded()) {
            assertThat(office.seatStates(event, "1-2")).containsEntry("1-2", "RESERVED by " + bob.value());
        } else {
            // he met the seat while a cleanup was writing it: told so, and the seat is free for his next try
            assertThat(bob.thrown()).isInstanceOf(SeatsUnavailableException.class);
            assertThat(office.seatStates(event, "1-2")).containsEntry("1-2", "AVAILABLE by null");
        }
    }

    @Test
    void cleanupsRunningAtOnceReportTheHoldEndedExactlyOnce() {
        // the sweep's report (and the HoldsExpired figure) counts what changed, not how many triggers ran
        Hold hold = lapsedHold(office.newEvent(1, 4));
        Callable<ExpiryOutcome> ttlTrigger = () -> expired.expire(hold.id());

        List<AtOnce.Outcome<ExpiryOutcome>> outcomes = AtOnce.all(List.of(ttlTrigger, ttlTrigger, ttlTrigger, ttlTrigger));

        assertThat(outcomes).extracting(AtOnce.Outcome::value)
                .containsOnly(ExpiryOutcome.ENDED, ExpiryOutcome.ALREADY_ENDED)
                .filteredOn(outcome -> outcome == ExpiryOutcome.ENDED).hasSize(1);
        assertEndedExpired(hold);
    }

    @Test
    void cleanupLeavesAHoldInTimeOneBeingPaidForAndAPaidOneAlone() {
        Event event = office.newEvent(1, 4);
        Hold inTime = office.hold("alice", event, "1-1");
        Hold paying = office.hold("bob", event, "1-2");
        office.startPayment(paying);
        Hold paid = office.hold("carol", event, "1-3");
        office.bean(SellHold.class).sell(office.bean(PaymentReader.class).get(office.startPayment(paid).id()), "CAPTURE-1");

        assertThat(expired.expire(inTime.id())).isEqualTo(ExpiryOutcome.NOT_DUE);
        // past the hold and its payment grace: the buyer may still approve, reconciliation decides
        office.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(expired.expire(paying.id())).isEqualTo(ExpiryOutcome.PAYMENT_IN_FLIGHT);
        assertThat(expired.expire(paid.id())).isEqualTo(ExpiryOutcome.PAID);

        assertThat(holds.load(paying.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(office.seatStates(event, "1-2", "1-3")).containsOnly(Map.entry("1-2", "RESERVED by " + paying.id()),
                Map.entry("1-3", "SOLD by " + paid.id()));
    }

    @Test
    void anEndedHoldLeftInTheExpiryIndexIsUnindexedAndAnActiveOneNever() {
        Event event = office.newEvent(1, 4);
        Hold active = office.hold("hank", event, "1-1");
        office.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

        expired.unindex(active.id());
        assertThat(office.dueHolds()).as("an ACTIVE hold stays in the index").contains(active.id());

        releaser.end(active.id(), HoldStatus.EXPIRED);
        expired.unindex(active.id());
        assertThat(office.dueHolds()).doesNotContain(active.id());
    }

    /** Alice's hold of 1-1 and 1-2, its time up a second ago. */
    private Hold lapsedHold(Event event) {
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        office.clock().advance(HOLD_DURATION.plusSeconds(1));
        return hold;
    }

    /** Storage has the hold EXPIRED with its tickets CANCELLED. */
    private void assertEndedExpired(Hold hold) {
        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.CANCELLED);
    }

    /** Every seat of the event as the seat map shows it now, in seat order. */
    private List<SeatStatus> visibleStatuses(Event event) {
        return office.bean(SeatMapReader.class).read(event.id()).seats().stream().map(Seat::status).toList();
    }
}
