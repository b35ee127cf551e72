package dev.ticketing.tickets.model;

/**
 * A ticket with what admission needs of it: the version of its code ({@code 1} when sold; a refund or cancellation
 * moves it on, so a code issued before no longer matches), its order's code (null for tickets sold before orders
 * existed), its buyer's name as the sale copied it (null for comps and tickets sold before), its admission (null
 * until let in) and a second admission (null unless two devices let it in while offline: the one flagged).
 */
public record IssuedTicket(Ticket ticket, int codeVersion, String orderCode, String buyerName, Admission admission,
                           Admission second) {
}
