package dev.ticketing.tickets.model;

/**
 * A ticket with what admission needs of it: the version of its code ({@code 1} when sold; a refund or cancellation
 * moves it on, so a code issued before no longer matches), its order's code (null for tickets sold before orders
 * existed) and its admission (null until let in).
 */
public record IssuedTicket(Ticket ticket, int codeVersion, String orderCode, Admission admission) {
}
