package dev.ticketing.admission;

import dev.ticketing.admission.items.GuessCountItems;
import dev.ticketing.admission.keys.TicketCodes;
import dev.ticketing.admission.model.Admitted;
import dev.ticketing.admission.model.CheckInRequest;
import dev.ticketing.admission.model.TicketCode;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.items.OrderReader;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.GoneException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.TooManyRequestsException;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Admission;
import dev.ticketing.tickets.model.IssuedTicket;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /events/{eventId}/checkins}: door staff scan a ticket's code, and the ticket is let in exactly once.
 *
 * <ol>
 *   <li>Only staff (and admins) check in: 403 otherwise.</li>
 *   <li>The code must verify ({@link TicketCodes}): 404 for a garbled, unknown or forged code, and such answers are
 *       counted per staff member and minute ({@code CHECKIN_MAX_UNKNOWN_PER_MINUTE}, default 20): beyond, 429.
 *       (Guessing a signature is hopeless anyway; the limit keeps a script from using the door as an oracle.)</li>
 *   <li>A valid code for another event is a 400: the device is at the wrong door.</li>
 *   <li>The ticket is read strongly consistently. The same scan again (its {@code scanId} on its device is the one
 *       that admitted the ticket) answers the first 200 again. A ticket no longer PAID, or whose code version moved
 *       on (refunded, cancelled), is a 410.</li>
 *   <li>Admission is ONE conditional write on the ticket ({@link TicketItems#admit}: PAID, this version, never
 *       admitted), never a read then a write: of two devices scanning the same ticket at once, one is admitted and
 *       the other gets the 409 that says when and on which device.</li>
 * </ol>
 * The other answers need no record of the scan to be replayed: they follow from the ticket as it stays.
 */
@Singleton
public class CheckIn {
    private final Table table;
    private final TicketCodes codes;
    private final OrderReader orders;
    private final EventReader events;
    private final Clock clock;
    private final int maxUnknownPerMinute;
    private final TicketItems tickets;
    private final GuessCountItems guesses;

    public CheckIn(Table table, TicketCodes codes, OrderReader orders, EventReader events, Clock clock,
                   @Property(name = "checkin.max.unknown.per.minute", defaultValue = "20") int maxUnknownPerMinute) {
        this.table = table;
        this.codes = codes;
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.maxUnknownPerMinute = maxUnknownPerMinute;
        this.tickets = new TicketItems(table);
        this.guesses = new GuessCountItems(table);
    }

    /** Admits the ticket of {@code body}'s code at event {@code eventId}; the problems above otherwise. */
    public Admitted admit(Caller caller, String eventId, CheckInRequest body) {
        DoorAccess.requireMayScan(caller);
        CheckInRequest scan = body.checked();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        TicketCode code = codes.verify(scan.code()).orElseThrow(() -> unknown(caller, now));
        if (!code.eventId().equals(eventId)) {
            throw new InvalidRequestException("This ticket is for another event (" + code.eventId() + ")",
                    Map.of("ticketEventId", code.eventId()));
        }
        IssuedTicket issued = read(code).orElseThrow(() -> unknown(caller, now));
        Admission first = issued.admission();
        if (first != null && sameScan(first, scan)) {
            return admitted(issued, first);
        }
        requireValid(issued, code);
        Admission admission = new Admission(now, scan.deviceId(), scan.scanId(), caller.userId());
        Ticket ticket = issued.ticket();
        if (table.writeAlone(tickets.admit(ticket, code.version(), admission, now))) {
            return admitted(issued, admission);
        }
        // refused: read again to say why (another device was first, or the ticket was revoked meanwhile)
        IssuedTicket current = read(code).orElseThrow(() -> unknown(caller, now));
        if (current.admission() != null && sameScan(current.admission(), scan)) {
            return admitted(current, current.admission());
        }
        requireValid(current, code);
        throw new ConflictException("ticket-changed", "Ticket changed",
                "The ticket changed while it was being admitted; scan it again", Map.of("ticketId", current.ticket().id()));
    }

    private void requireValid(IssuedTicket issued, TicketCode code) {
        if (issued.ticket().status() != TicketStatus.PAID || issued.codeVersion() != code.version()) {
            throw new GoneException("ticket-revoked", "Ticket revoked",
                    "This ticket was refunded or cancelled: its code no longer admits anyone",
                    Map.of("ticketId", issued.ticket().id(), "ticketStatus", issued.ticket().status().name()));
        }
        if (issued.admission() != null) {
            throw alreadyAdmitted(issued);
        }
    }

    private static ConflictException alreadyAdmitted(IssuedTicket issued) {
        Admission first = issued.admission();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ticketId", issued.ticket().id());
        details.put("seatId", issued.ticket().seatId());
        details.put("admittedAt", dev.ticketing.input.Instants.text(first.at()));
        details.put("deviceId", first.deviceId());
        return new ConflictException("already-admitted", "Already admitted",
                "This ticket was admitted at " + dev.ticketing.input.Instants.text(first.at()) + " on device "
                        + first.deviceId(), details);
    }

    private static boolean sameScan(Admission admission, CheckInRequest scan) {
        return admission.scanId().equals(scan.scanId()) && admission.deviceId().equals(scan.deviceId());
    }

    private Optional<IssuedTicket> read(TicketCode code) {
        return CodeTickets.read(table, code);
    }

    private Admitted admitted(IssuedTicket issued, Admission admission) {
        Ticket ticket = issued.ticket();
        String name = Optional.ofNullable(issued.orderCode()).flatMap(orders::find).map(PlacedOrder::buyer)
                .map(Buyer::name).orElse(null);
        // the seat as its ticket prints it (the event is kept by the instance: no read per scan)
        String label = events.get(ticket.eventId()).layout().nameOf(new SeatId(ticket.row(), ticket.column()));
        return new Admitted(ticket.id(), issued.orderCode(), ticket.seatId(), ticket.row(), ticket.column(),
                label, name, admission.at(), admission.deviceId(),
                admission.scanId());
    }

    /** The 404 of a code that admits nothing, counted; past the caller's limit for the minute, a 429 instead. */
    private RuntimeException unknown(Caller caller, Instant now) {
        if (!table.writeAlone(guesses.count(caller.userId(), maxUnknownPerMinute, now))) {
            return new TooManyRequestsException("too-many-unknown-codes", "Too many unknown codes",
                    "More than " + maxUnknownPerMinute + " unknown codes in a minute from this account; wait a minute",
                    Map.of("retryAfterSeconds", 60 - now.atZone(java.time.ZoneOffset.UTC).getSecond()));
        }
        return new NotFoundException("No ticket has this code: it is unknown or forged");
    }
}
