package dev.ticketing.orders.model;

import dev.ticketing.seats.model.SeatLayout;
import java.math.BigDecimal;

/** One ticket of an order as sold: the ticket, its seat (id, row, seat number) and the price paid for it. */
public record OrderLine(String ticketId, String seatId, int row, int seat, BigDecimal price, String label) {
    /**
     * The seat as tickets print it: the label its hold had ("Stalls, row I, Seat 16"), or for an order stored before
     * labels were kept, a rectangle's "Row 5, Seat 6".
     */
    public String printedLabel() {
        return label != null ? label : SeatLayout.rowAndSeat(row, seat);
    }
}
