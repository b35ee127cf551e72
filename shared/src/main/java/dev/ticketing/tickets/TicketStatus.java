package dev.ticketing.tickets;

public enum TicketStatus {
    PENDING, PAID, CANCELLED
}
