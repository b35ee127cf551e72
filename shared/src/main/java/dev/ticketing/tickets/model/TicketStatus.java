package dev.ticketing.tickets.model;

public enum TicketStatus {
    PENDING, PAID, CANCELLED
}
