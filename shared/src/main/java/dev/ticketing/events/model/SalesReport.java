package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /events/{id}/report}: an event's seats by state and its money, as counted from its seats now (issue 21,
 * item 6; docs/organiser-operations.md#the-sales-report). Money is a decimal string in the event's currency.
 */
public record SalesReport(String eventId, String currency, Seats seats, Revenue revenue, List<Day> salesPerDay) {

    /** Seats by state: a RESERVED seat whose hold has expired counts as available, as everyone sees it. */
    public record Seats(long available, long held, long sold, long blocked, long comp) {
    }

    /**
     * The money of the sales that still have a ticket sold: {@code gross} what their payments took, {@code refunded}
     * what went back of it, {@code net} the difference; {@code byProvider} the same per payment provider.
     */
    public record Revenue(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gross,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refunded,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net,
                          Map<String, Money> byProvider, List<Category> byCategory) {
    }

    public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gross,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refunded,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net) {
    }

    /**
     * A category is a price tier (rows {@code fromRow..toRow}) until venues bring seat categories: the tickets sold
     * in it now (comps left out) and what they were sold for.
     */
    public record Category(int fromRow, int toRow, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
                           long tickets, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /** The tickets (comps left out) sold on a UTC day that are still sold, and what they were sold for. */
    public record Day(@JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate date, long tickets,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
