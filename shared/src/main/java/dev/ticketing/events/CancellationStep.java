package dev.ticketing.events;

/**
 * One bounded step of an event's cancellation: {@code fromRow} null is the start (count the sold tickets, queue the
 * pages); otherwise the page of rows {@code fromRow..toRow} (at most {@link RefundCancelledEvent#PAGE_SEATS} seats, or
 * one row): end its holds and payments in flight, refund its sales.
 */
public record CancellationStep(String eventId, Integer fromRow, Integer toRow) {
    public static CancellationStep start(String eventId) {
        return new CancellationStep(eventId, null, null);
    }

    public boolean isStart() {
        return fromRow == null;
    }
}
