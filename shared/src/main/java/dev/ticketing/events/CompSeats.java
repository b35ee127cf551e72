package dev.ticketing.events;

import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.CompRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.SeatsNotBlockedException;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.Transaction.Role;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /events/{id}/comps}: the organiser gives blocked seats to a named buyer as complimentary tickets.
 * ONE transaction: each seat BLOCKED -> SOLD (marked comp, no payment), a PAID ticket at price 0 per seat, the comp's
 * hold PAID from the start (the record a sale leaves, so the buyer's {@code /me/tickets} and {@code /holds/{id}} show
 * it as they show a purchase) and the audit entry; no provider is involved and no money moves.
 */
@Singleton
public class CompSeats {
    /** The most seats one comp gives: a seat and a ticket each, plus the hold and the audit entry, in one transaction. */
    public static final int MAX_SEATS = (Transaction.LIMIT - 2) / 2;

    private final Table table;
    private final EventReader events;
    private final SeatMapCache snapshots;
    private final Clock clock;
    private final SeatItems seats;
    private final TicketItems tickets;
    private final HoldItems holds;
    private final AuditItems audit;

    public CompSeats(Table table, EventReader events, SeatMapCache snapshots, Clock clock) {
        this.table = table;
        this.events = events;
        this.snapshots = snapshots;
        this.clock = clock;
        this.seats = new SeatItems(table);
        this.tickets = new TicketItems(table);
        this.holds = new HoldItems(table);
        this.audit = new AuditItems(table);
    }

    /**
     * Gives the seats to the buyer; answers the comp's hold (PAID, amount 0, a PAID ticket at 0 per seat).
     *
     * @throws SeatsNotBlockedException 409 naming the seats that are not blocked; nothing given
     * @throws dev.ticketing.problems.TicketingException 404 unknown event, 403 not its organiser, 409 not on sale,
     *         400/422 a bad list of seats or no buyer
     */
    public Hold comp(Caller caller, String eventId, CompRequest request) {
        Event event = events.get(eventId);
        EventOrganisers.require(caller, event);
        event.requireOnSale();
        List<SeatId> asked = request.seatsOf(event, MAX_SEATS);
        String buyer = request.buyer();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Hold comp = Hold.newComp(event, buyer, asked, now);
        Transaction transaction = table.transaction();
        for (Ticket ticket : comp.tickets()) {
            SeatId seat = new SeatId(ticket.row(), ticket.column());
            transaction.add(Role.SEAT, seat.toString(), seats.comp(event, seat, comp.id(), ticket.id(), buyer, now));
            transaction.add(Role.TICKET, ticket.id(), tickets.create(ticket, now));
        }
        transaction.add(Role.HOLD, holds.createComp(comp));
        Map<String, Object> after = new LinkedHashMap<>(OrganiserActions.seats(event, asked, SeatStatus.SOLD));
        after.put("userId", buyer);
        after.put("holdId", comp.id());
        after.put("price", comp.amount().toPlainString());
        OrganiserActions.audited(transaction, audit, caller, event, now, AuditAction.COMP,
                "gave " + BlockSeats.describe(event, asked) + " to " + buyer, OrganiserActions.seats(event, asked, SeatStatus.BLOCKED),
                after);
        TransactionResult result = transaction.commit();
        if (!result.committed()) {
            throw result.contestedSeats().isEmpty() ? result.asProblem()
                    : new SeatsNotBlockedException(result.contestedSeats());
        }
        snapshots.invalidate(event.id());
        return comp;
    }
}
