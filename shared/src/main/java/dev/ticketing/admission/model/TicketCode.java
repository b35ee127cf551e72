package dev.ticketing.admission.model;

/**
 * What a ticket's code states, signed: this ticket (of this hold, for this event and seat) at this version. A code
 * whose version is not the ticket's version now was revoked (a refund, a cancellation, a seat change moved it on).
 */
public record TicketCode(String ticketId, String holdId, String eventId, String seatId, int version) {
}
