package dev.ticketing.events;

import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.SeatsRequest;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.SeatsNotBlockedException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.Transaction.Role;
import dev.ticketing.store.TransactionResult;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST} and {@code DELETE /events/{id}/blocks}: the organiser takes seats off sale (house seats, a broken
 * seat) and puts them back. A blocked seat is never held, sold or offered by best available (every hold condition
 * wants it AVAILABLE or expired), and everyone sees it BLOCKED. Each request is ONE transaction: every seat under
 * its condition and the audit entry, so either all the seats change and the action is recorded, or nothing.
 */
@Singleton
public class BlockSeats {
    /** The most seats one request blocks or unblocks: a transaction's items, less the audit entry. */
    public static final int MAX_SEATS = Transaction.LIMIT - 1;

    private final Table table;
    private final EventReader events;
    private final SeatMapCache snapshots;
    private final Clock clock;
    private final SeatItems seats;
    private final AuditItems audit;

    public BlockSeats(Table table, EventReader events, SeatMapCache snapshots, Clock clock) {
        this.table = table;
        this.events = events;
        this.snapshots = snapshots;
        this.clock = clock;
        this.seats = new SeatItems(table);
        this.audit = new AuditItems(table);
    }

    /**
     * Blocks the seats, each AVAILABLE (or held by a hold whose time is up) until now, and answers them sorted.
     *
     * @throws SeatsUnavailableException 409 naming the seats held or sold (or being taken right now); nothing blocked
     * @throws dev.ticketing.problems.TicketingException 404 unknown event, 403 not its organiser, 409 not on sale,
     *         400/422 a bad list of seats ({@link SeatsRequest#seatsOf})
     */
    public List<SeatId> block(Caller caller, String eventId, SeatsRequest request) {
        return change(caller, eventId, request, SeatStatus.AVAILABLE, SeatStatus.BLOCKED);
    }

    /**
     * Puts blocked seats back on sale (AVAILABLE), and answers them sorted.
     *
     * @throws SeatsNotBlockedException 409 naming the seats that are not blocked; nothing unblocked
     */
    public List<SeatId> unblock(Caller caller, String eventId, SeatsRequest request) {
        return change(caller, eventId, request, SeatStatus.BLOCKED, SeatStatus.AVAILABLE);
    }

    /** The seats from {@code from} (AVAILABLE: as everyone sees it) to {@code to}, all or none, with the entry. */
    private List<SeatId> change(Caller caller, String eventId, SeatsRequest request, SeatStatus from, SeatStatus to) {
        Event event = events.get(eventId);
        EventOrganisers.require(caller, event);
        event.requireOnSale();
        List<SeatId> asked = request.seatsOf(event, MAX_SEATS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean blocking = to == SeatStatus.BLOCKED;
        Transaction transaction = table.transaction();
        asked.forEach(seat -> transaction.add(Role.SEAT, seat.toString(),
                blocking ? seats.block(event, seat, now) : seats.unblock(event, seat)));
        OrganiserActions.audited(transaction, audit, caller, event, now,
                blocking ? AuditAction.BLOCK : AuditAction.UNBLOCK,
                (blocking ? "blocked " : "unblocked ") + describe(event, asked), OrganiserActions.seats(event, asked, from),
                OrganiserActions.seats(event, asked, to));
        TransactionResult result = transaction.commit();
        if (!result.committed()) {
            List<String> contested = result.contestedSeats();
            throw contested.isEmpty() ? result.asProblem()
                    : blocking ? new SeatsUnavailableException(contested) : new SeatsNotBlockedException(contested);
        }
        snapshots.invalidate(event.id());
        return asked;
    }

    static String describe(Event event, List<SeatId> seats) {
        return seats.size() + " seat(s): " + seats.stream().map(event.layout()::idOf).collect(Collectors.joining(", "));
    }
}
