package dev.ticketing.holds;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A purchase session: seats held for one user until {@code expiresAt}, with one ticket per seat. */
public record Hold(String id, String eventId, String userId, HoldStatus status, List<HeldSeat> seats,
                   List<Ticket> tickets, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                   String currency, Instant createdAt, Instant expiresAt) {

    /**
     * The hold as its owner sees it: once it reads EXPIRED, its PENDING tickets read CANCELLED too, whether or not
     * cleanup has written that yet (writes decide on the stored statuses, {@link HoldStore#load}).
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
