package dev.ticketing.holds;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.ticketing.tickets.Ticket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A purchase session: seats held for one user until {@code expiresAt}, with one ticket per seat. */
public record Hold(String id, String eventId, String userId, HoldStatus status, List<HeldSeat> seats,
                   List<Ticket> tickets, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                   String currency, Instant createdAt, Instant expiresAt) {

    /** ACTIVE in storage but out of time is EXPIRED, whether or not cleanup has run yet. */
    public static HoldStatus visibleStatus(HoldStatus stored, Instant expiresAt, Instant now) {
        return stored == HoldStatus.ACTIVE && !expiresAt.isAfter(now) ? HoldStatus.EXPIRED : stored;
    }
}
