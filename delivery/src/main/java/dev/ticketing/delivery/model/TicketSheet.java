package dev.ticketing.delivery.model;

import java.math.BigDecimal;

/**
 * One ticket as its PDF page prints it: the ticket's id, its seat's row and number, the price paid and its code (the
 * QR payload; null when the ticket no longer admits anyone: the page then says it is cancelled).
 */
public record TicketSheet(String ticketId, int row, int seat, BigDecimal price, String code) {
}
