package dev.ticketing.tickets.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * One seat of a purchase for one user; PENDING while held, PAID once sold (or given as a comp: price 0, no payment),
 * CANCELLED when the hold ends unpaid. {@code price} is what the seat costs in this purchase, as its hold was priced
 * (null on tickets stored before tickets carried it: their hold has it).
 */
public record Ticket(String id, String holdId, String eventId, String userId, String seatId, int row, int column,
                     TicketStatus status, String paymentId,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) {

    public Ticket withStatus(TicketStatus newStatus) {
        return new Ticket(id, holdId, eventId, userId, seatId, row, column, newStatus, paymentId, price);
    }
}
