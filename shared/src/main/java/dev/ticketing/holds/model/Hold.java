package dev.ticketing.holds.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A purchase session: seats held for one user until {@code expiresAt}, with one ticket per seat. */
public record Hold(String id, String eventId, String userId, HoldStatus status, List<HeldSeat> seats,
                   List<Ticket> tickets, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                   String currency, Instant createdAt, Instant expiresAt) {

    /**
     * A new ACTIVE hold of {@code seats} (in that order) for the user, made at {@code now} and lasting
     * {@code duration}: new ids, one PENDING ticket per seat, each seat priced as the event prices it now (its row's tier, or its category's on a plan).
     */
    public static Hold newHold(Event event, String userId, List<SeatId> seats, Instant now, Duration duration) {
        String holdId = UUID.randomUUID().toString();
        List<HeldSeat> held = new ArrayList<>();
        List<Ticket> tickets = new ArrayList<>();
        BigDecimal amount = BigDecimal.ZERO;
        SeatLayout layout = event.layout();
        for (SeatId seat : seats) {
            BigDecimal price = event.priceOf(seat);
            held.add(new HeldSeat(layout.idOf(seat), seat.row(), seat.column(), price, layout.nameOf(seat)));
            tickets.add(new Ticket(UUID.randomUUID().toString(), holdId, event.id(), userId, layout.idOf(seat),
                    seat.row(), seat.column(), TicketStatus.PENDING, null, price));
            amount = amount.add(price);
        }
        return new Hold(holdId, event.id(), userId, HoldStatus.ACTIVE, held, tickets, amount, event.currency(), now,
                now.plus(duration));
    }

    /**
     * A comp: {@code seats} (in that order) given to the user at {@code now} as complimentary tickets, a hold already
     * PAID (ended at {@code now}) with price 0 for each seat and one PAID ticket per seat, without a payment.
     */
    public static Hold newComp(Event event, String userId, List<SeatId> seats, Instant now) {
        String holdId = UUID.randomUUID().toString();
        BigDecimal free = BigDecimal.ZERO.setScale(java.util.Currency.getInstance(event.currency()).getDefaultFractionDigits());
        List<HeldSeat> held = new ArrayList<>();
        List<Ticket> tickets = new ArrayList<>();
        SeatLayout layout = event.layout();
        for (SeatId seat : seats) {
            held.add(new HeldSeat(layout.idOf(seat), seat.row(), seat.column(), free, layout.nameOf(seat)));
            tickets.add(new Ticket(UUID.randomUUID().toString(), holdId, event.id(), userId, layout.idOf(seat),
                    seat.row(), seat.column(), TicketStatus.PAID, null, free));
        }
        return new Hold(holdId, event.id(), userId, HoldStatus.PAID, held, tickets, free, event.currency(), now, now);
    }

    /**
     * The hold as its owner sees it: once it reads EXPIRED, its PENDING tickets read CANCELLED too, whether or not
     * cleanup has written that yet (writes decide on the stored statuses, {@link HoldReader#load}).
     */
    public Hold withVisibleTickets() {
        if (status != HoldStatus.EXPIRED) {
            return this;
        }
        List<Ticket> visible = tickets.stream()
                .map(ticket -> ticket.status() == TicketStatus.PENDING ? ticket.withStatus(TicketStatus.CANCELLED) : ticket)
                .toList();
        return new Hold(id, eventId, userId, status, seats, visible, amount, currency, createdAt, expiresAt);
    }

    /** ACTIVE in storage but out of time is EXPIRED, whether or not cleanup has run yet. */
    public static HoldStatus visibleStatus(HoldStatus stored, Instant expiresAt, Instant now) {
        return stored == HoldStatus.ACTIVE && !expiresAt.isAfter(now) ? HoldStatus.EXPIRED : stored;
    }
}
