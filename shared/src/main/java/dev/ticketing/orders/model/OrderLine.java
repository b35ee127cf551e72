package dev.ticketing.orders.model;

import java.math.BigDecimal;

/** One ticket of an order as sold: the ticket, its seat (id, row, seat number) and the price paid for it. */
public record OrderLine(String ticketId, String seatId, int row, int seat, BigDecimal price) {
}
