package dev.ticketing.orders.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ticket of an {@link Order}: the seat (its id, row and seat number, and a label to print), the price, the
 * ticket's state, its code (null unless PAID: a cancelled ticket's code no longer admits anyone) and when it was
 * admitted (null until then).
 */
public record OrderTicket(String id, String seatId, int row, int seat, String label,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, TicketStatus status,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String code,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Instant admittedAt) {
}
