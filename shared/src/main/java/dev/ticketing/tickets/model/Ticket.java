package dev.ticketing.tickets.model;

/** One seat of a purchase for one user; PENDING while held, PAID once sold, CANCELLED when the hold ends unpaid. */
public record Ticket(String id, String holdId, String eventId, String userId, String seatId, int row, int column,
                     TicketStatus status, String paymentId) {

    public Ticket withStatus(TicketStatus newStatus) {
        return new Ticket(id, holdId, eventId, userId, seatId, row, column, newStatus, paymentId);
    }
}
