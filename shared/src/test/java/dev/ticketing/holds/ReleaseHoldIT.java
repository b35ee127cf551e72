package dev.ticketing.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.SellHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.seats.model.Seat;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.testing.AtOnce;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Releasing a hold ({@link ReleaseHold#release}, and {@link ReleaseHold#end} that expiry shares) against DynamoDB
 * Local: the hold ends RELEASED with its tickets CANCELLED and its seats, lease and slot free at once, so anyone (its
 * owner too) can hold them right away; releasing again, even at the same moment, changes nothing and never frees
 * seats someone has since taken; only the owner may release, and a paid hold not at all.
 */
class ReleaseHoldIT {
    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final ReleaseHold releaser = office.bean(ReleaseHold.class);
    private final HoldReader holds = office.bean(HoldReader.class);
    private final ActiveHoldGuard guard = office.bean(ActiveHoldGuard.class);

    @Test
    void releasingEndsTheHoldCancelsItsTicketsFreesItsSeatsLeaseAndSlot() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("erin", event, "1-1", "1-2");

        releaser.end(hold.id(), HoldStatus.RELEASED);

        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.RELEASED);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "AVAILABLE by null"));
        assertThat(office.leaseExists(hold.id())).isFalse();
        assertThat(guard.slotFor("erin", event.id(), office.clock().instant())).isPresent();
        assertThat(office.dueHolds()).doesNotContain(hold.id());

        releaser.end(hold.id(), HoldStatus.RELEASED);
        assertThat(holds.load(hold.id()).orElseThrow().storedStatus()).as("ending twice changes nothing")
                .isEqualTo(HoldStatus.RELEASED);
    }

    @Test
    void releasedSeatsAreAvailableToEveryoneAtOnceAndTheOwnerMayHoldAgain() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");

        releaser.release(new Caller("alice", false), hold.id());

        assertThat(holds.find(hold.id()).orElseThrow().status()).isEqualTo(HoldStatus.RELEASED);
        assertThat(office.bean(SeatMapReader.class).read(event.id()).seats()).extracting(Seat::status)
                .containsOnly(SeatStatus.AVAILABLE);
        Hold bobs = office.hold("bob", event, "1-1", "1-2");
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "RESERVED by " + bobs.id()),
                Map.entry("1-2", "RESERVED by " + bobs.id()));
        assertThat(office.hold("alice", event, "1-3").status()).as("her slot is free again").isEqualTo(HoldStatus.ACTIVE);
    }

    @Test
    void releasingAgainAfterTheSeatsWereTakenLeavesThemToTheirNewHolder() {
        Event event = office.newEvent(1, 4);
        Caller alice = new Caller("alice", false);
        Hold hold = office.hold("alice", event, "1-1");
        releaser.release(alice, hold.id());
        Hold bobs = office.hold("bob", event, "1-1");

        releaser.release(alice, hold.id());

        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "RESERVED by " + bobs.id());
        assertThat(holds.load(bobs.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.ACTIVE);
    }

    @Test
    void releasesAtTheSameMomentEndTheHoldOnce() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");

        var outcomes = AtOnce.times(4, () -> {
            releaser.release(new Caller("alice", false), hold.id());
            return hold.id();
        });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.thrown()).isNull());
        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.RELEASED);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "AVAILABLE by null"));
    }

    @Test
    void onlyTheOwnerMayReleaseAndSomeoneElsesHoldIsNotFound() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");

        assertThatThrownBy(() -> releaser.release(new Caller("mallory", false), hold.id()))
                .isInstanceOf(NotFoundException.class);

        assertThat(holds.load(hold.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "RESERVED by " + hold.id());
    }

    @Test
    void aPaidHoldCannotBeReleased() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        var payment = office.startPayment(hold);
        office.bean(SellHold.class).sell(office.bean(PaymentReader.class).get(payment.id()), "CAPTURE-1");

        assertThatThrownBy(() -> releaser.release(new Caller("alice", false), hold.id()))
                .isInstanceOfSatisfying(ConflictException.class,
                        refused -> assertThat(refused.type()).isEqualTo("hold-paid"));

        assertThat(holds.load(hold.id()).orElseThrow().storedStatus()).isEqualTo(HoldStatus.PAID);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "SOLD by " + hold.id());
    }
}
