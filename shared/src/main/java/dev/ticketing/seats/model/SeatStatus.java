package dev.ticketing.seats.model;

/**
 * What a seat is. BLOCKED: taken off sale by the organiser (house seats, a broken seat); never held, sold or offered
 * until unblocked, and only a blocked seat can be given away as a comp. The order is stored (the compact map's
 * block items keep the ordinal): add new statuses at the end.
 */
public enum SeatStatus {
    AVAILABLE, RESERVED, SOLD, BLOCKED
}
