package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.audit.ListAuditEntries;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.SeatsRequest;
import dev.ticketing.holds.PlaceHold;
import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.LimitExceededException;
import dev.ticketing.problems.SeatsNotBlockedException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.testing.BoxOffice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blocking and unblocking seats ({@link BlockSeats}) against DynamoDB Local: a blocked seat reads BLOCKED (B in the
 * compact map), no hold takes it and best available never offers it; a block that meets a held or sold seat is
 * refused naming it and blocks nothing; only a blocked seat is unblocked; each change is in the audit trail.
 */
class BlockSeatsIT {
    static final Caller ORGANISER = new Caller("organiser-1", true);

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final BlockSeats blocks = office.bean(BlockSeats.class);

    @Test
    void aBlockedSeatReadsBlockedAndNoHoldByIdTakesIt() {
        Event event = office.newEvent(2, 4);

        List<SeatId> blocked = blocks.block(ORGANISER, event.id(), seats("1-2", "1-1"));

        assertThat(blocked).extracting(SeatId::toString).containsExactly("1-1", "1-2");
        assertThat(office.seatStatuses(event, "1-1", "1-2", "1-3"))
                .containsExactly(SeatStatus.BLOCKED, SeatStatus.BLOCKED, SeatStatus.AVAILABLE);
        var map = office.bean(SeatMapReader.class).read(event.id());
        assertThat(map.seats()).filteredOn(seat -> seat.status() == SeatStatus.BLOCKED).extracting(seat -> seat.id())
                .containsExactly("1-1", "1-2");
        assertThat(map.compact().rows().get(0).seats()).isEqualTo("BBAA");
        assertThatThrownBy(() -> office.hold("alice", event, "1-2", "1-3"))
                .isInstanceOfSatisfying(SeatsUnavailableException.class,
                        refused -> assertThat(refused.unavailableSeats()).containsExactly("1-2"));
        assertThat(office.seatStatuses(event, "1-3")).containsExactly(SeatStatus.AVAILABLE);
    }

    @Test
    void bestAvailableNeverOffersABlockedSeat() {
        Event event = office.newEvent(1, 5);
        blocks.block(ORGANISER, event.id(), seats("1-2", "1-4"));
        PlaceHold place = office.bean(PlaceHold.class);

        Hold first = place.place(new Caller("alice", false), event.id(), new HoldRequest(null, 2, false), null).hold();
        Hold second = place.place(new Caller("bob", false), event.id(), new HoldRequest(null, 1, false), null).hold();

        List<String> offered = new ArrayList<>();
        first.seats().forEach(seat -> offered.add(seat.id()));
        second.seats().forEach(seat -> offered.add(seat.id()));
        assertThat(offered).containsExactlyInAnyOrder("1-1", "1-3", "1-5");
        assertThatThrownBy(() -> place.place(new Caller("carol", false), event.id(), new HoldRequest(null, 1, false), null))
                .as("only blocked seats are left").isInstanceOf(TicketingException.class);
        assertThat(office.seatStatuses(event, "1-2", "1-4")).containsOnly(SeatStatus.BLOCKED);
    }

    @Test
    void blockingAHeldOrSoldSeatIsRefusedNamingThemAndBlocksNothing() {
        Event event = office.newEvent(1, 5);
        Hold held = office.hold("alice", event, "1-2");

        assertThatThrownBy(() -> blocks.block(ORGANISER, event.id(), seats("1-1", "1-2", "1-3")))
                .isInstanceOfSatisfying(SeatsUnavailableException.class,
                        refused -> assertThat(refused.unavailableSeats()).containsExactly("1-2"));

        assertThat(office.seatStates(event, "1-1", "1-2", "1-3")).containsOnly(
                Map.entry("1-1", "AVAILABLE by null"), Map.entry("1-2", "RESERVED by " + held.id()),
                Map.entry("1-3", "AVAILABLE by null"));
        assertThat(trail(event)).extracting(AuditEntry::action).doesNotContain(AuditAction.BLOCK);
    }

    @Test
    void aSeatWhoseHoldRanOutIsFreeToBlock() {
        Event event = office.newEvent(1, 3);
        office.hold("alice", event, "1-1");
        office.clock().advance(Duration.ofMinutes(10).plusMillis(1));

        blocks.block(ORGANISER, event.id(), seats("1-1"));

        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "BLOCKED by null");
    }

    @Test
    void unblockingPutsBlockedSeatsBackOnSaleAndRefusesSeatsThatAreNotBlocked() {
        Event event = office.newEvent(1, 4);
        blocks.block(ORGANISER, event.id(), seats("1-1", "1-2"));

        assertThatThrownBy(() -> blocks.unblock(ORGANISER, event.id(), seats("1-1", "1-3")))
                .isInstanceOfSatisfying(SeatsNotBlockedException.class,
                        refused -> assertThat(refused.notBlockedSeats()).containsExactly("1-3"));
        assertThat(office.seatStatuses(event, "1-1", "1-2")).as("nothing unblocked").containsOnly(SeatStatus.BLOCKED);

        blocks.unblock(ORGANISER, event.id(), seats("1-1", "1-2"));

        assertThat(office.seatStatuses(event, "1-1", "1-2")).containsOnly(SeatStatus.AVAILABLE);
        assertThat(office.hold("alice", event, "1-1").seats()).extracting(HeldSeat::id).containsExactly("1-1");
    }

    @Test
    void everyBlockAndUnblockIsInTheAuditTrailWithWhoWhenAndTheSeatsBeforeAndAfter() {
        Event event = office.newEvent(1, 3);
        blocks.block(ORGANISER, event.id(), seats("1-1", "1-2"));
        office.clock().advance(Duration.ofSeconds(1));
        blocks.unblock(new Caller("organiser-2", true), event.id(), seats("1-2"));

        List<AuditEntry> trail = trail(event);

        assertThat(trail).extracting(AuditEntry::action).containsExactly(AuditAction.BLOCK, AuditAction.UNBLOCK);
        AuditEntry block = trail.get(0);
        assertThat(block.actor()).isEqualTo("organiser-1");
        assertThat(block.before()).isEqualTo(Map.of("seats", Map.of("1-1", "AVAILABLE", "1-2", "AVAILABLE")));
        assertThat(block.after()).isEqualTo(Map.of("seats", Map.of("1-1", "BLOCKED", "1-2", "BLOCKED")));
        AuditEntry unblock = trail.get(1);
        assertThat(unblock.actor()).isEqualTo("organiser-2");
        assertThat(unblock.at()).isAfterOrEqualTo(block.at().plusSeconds(1));
        assertThat(unblock.before()).isEqualTo(Map.of("seats", Map.of("1-2", "BLOCKED")));
        assertThat(unblock.after()).isEqualTo(Map.of("seats", Map.of("1-2", "AVAILABLE")));
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        Event event = office.newEvent(2, 60);
        List<String> tooMany = new ArrayList<>();
        for (int column = 1; column <= BlockSeats.MAX_SEATS + 1; column++) {
            tooMany.add((column <= 60 ? 1 : 2) + "-" + (column <= 60 ? column : column - 60));
        }

        assertThatThrownBy(() -> blocks.block(ORGANISER, event.id(), new SeatsRequest(tooMany)))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> blocks.block(ORGANISER, event.id(), seats("1-1", "3-1")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        refused -> assertThat(refused.extensions()).containsEntry("unknownSeats", List.of("3-1")));
        assertThatThrownBy(() -> blocks.block(ORGANISER, event.id(), new SeatsRequest(List.of())))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> blocks.block(new Caller("alice", false), event.id(), seats("1-1")))
                .isInstanceOf(ForbiddenException.class);

        assertThat(office.seatStatuses(event, "1-1", "2-39")).containsOnly(SeatStatus.AVAILABLE);
        assertThat(trail(event)).isEmpty();
    }

    private List<AuditEntry> trail(Event event) {
        return office.bean(ListAuditEntries.class).page(ORGANISER, event.id(), 100, null).items();
    }

    static SeatsRequest seats(String... ids) {
        return new SeatsRequest(List.of(ids));
    }
}
