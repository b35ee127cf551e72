package dev.ticketing.events;

import static dev.ticketing.events.BlockSeatsIT.ORGANISER;
import static dev.ticketing.events.BlockSeatsIT.seats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ticketing.audit.ListAuditEntries;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.model.CompRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.SeatsNotBlockedException;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.MyTickets;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Giving blocked seats away ({@link CompSeats}) against DynamoDB Local: the seats are SOLD to the named buyer, who
 * has a PAID ticket at price 0 each in {@code /me/tickets} and a PAID hold without a payment; only blocked seats can
 * be given, and a comp that names another seat gives nothing.
 */
class CompSeatsIT {
    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final CompSeats comps = office.bean(CompSeats.class);

    @Test
    void blockedSeatsGivenToABuyerAreSoldToThemAsPaidTicketsAtPriceZeroWithoutAPayment() {
        Event event = office.newEvent(1, 4);
        office.bean(BlockSeats.class).block(ORGANISER, event.id(), seats("1-1", "1-2", "1-3"));

        Hold comp = comps.comp(ORGANISER, event.id(), new CompRequest(List.of("1-2", "1-1"), "guest-7"));

        assertThat(comp.status()).isEqualTo(HoldStatus.PAID);
        assertThat(comp.amount()).isEqualByComparingTo("0");
        StoredHold stored = office.bean(HoldReader.class).load(comp.id()).orElseThrow();
        assertThat(stored.comp()).isTrue();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.PAID);
        assertThat(stored.paymentId()).isNull();
        assertThat(office.seatStates(event, "1-1", "1-2", "1-3")).containsOnly(
                Map.entry("1-1", "SOLD by " + comp.id()), Map.entry("1-2", "SOLD by " + comp.id()),
                Map.entry("1-3", "BLOCKED by null"));
        List<Ticket> mine = office.bean(MyTickets.class).of("guest-7", 10, null).items();
        assertThat(mine).extracting(Ticket::seatId, Ticket::status, Ticket::price, Ticket::paymentId)
                .containsExactlyInAnyOrder(
                        tuple("1-1", TicketStatus.PAID, new BigDecimal("0.00"), null),
                        tuple("1-2", TicketStatus.PAID, new BigDecimal("0.00"), null));
        AuditEntry entry = trail(event).get(1);
        assertThat(entry.action()).isEqualTo(AuditAction.COMP);
        assertThat(entry.before()).isEqualTo(Map.of("seats", Map.of("1-1", "BLOCKED", "1-2", "BLOCKED")));
        assertThat(entry.after()).containsEntry("seats", Map.of("1-1", "SOLD", "1-2", "SOLD"))
                .containsEntry("userId", "guest-7").containsEntry("holdId", comp.id()).containsEntry("price", "0.00");
    }

    @Test
    void aCompOfASeatThatIsNotBlockedIsRefusedNamingItAndGivesNothing() {
        Event event = office.newEvent(1, 4);
        office.bean(BlockSeats.class).block(ORGANISER, event.id(), seats("1-1"));
        Hold held = office.hold("alice", event, "1-3");

        assertThatThrownBy(() -> comps.comp(ORGANISER, event.id(), new CompRequest(List.of("1-1", "1-2", "1-3"), "guest")))
                .isInstanceOfSatisfying(SeatsNotBlockedException.class,
                        refused -> assertThat(refused.notBlockedSeats()).containsExactly("1-2", "1-3"));
        assertThatThrownBy(() -> comps.comp(ORGANISER, event.id(), new CompRequest(List.of("1-1"), " ")))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(office.seatStates(event, "1-1", "1-2", "1-3")).containsOnly(Map.entry("1-1", "BLOCKED by null"),
                Map.entry("1-2", "AVAILABLE by null"), Map.entry("1-3", "RESERVED by " + held.id()));
        assertThat(office.bean(MyTickets.class).of("guest", 10, null).items()).isEmpty();
        assertThat(trail(event)).extracting(AuditEntry::action).containsExactly(AuditAction.BLOCK);
    }

    private List<AuditEntry> trail(Event event) {
        return office.bean(ListAuditEntries.class).page(new Caller("auditor", true), event.id(), 100, null).items();
    }
}
