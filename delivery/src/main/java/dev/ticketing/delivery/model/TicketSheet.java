package dev.ticketing.delivery.model;

import java.math.BigDecimal;

/**
 * One ticket as its PDF page prints it: the ticket's id, its seat's row and number, the price paid and its code (the
 * QR payload; null when the ticket no longer admits anyone: the page then says it is cancelled). On a venue's plan,
 * {@code place} is the seat as the plan names it ("Stalls, row I, Seat 16"), printed instead of row and number;
 * null for a rectangle.
 */
public record TicketSheet(String ticketId, int row, int seat, BigDecimal price, String code, String place) {
    /** A rectangle's ticket. */
    public TicketSheet(String ticketId, int row, int seat, BigDecimal price, String code) {
        this(ticketId, row, seat, price, code, null);
    }
}
