package dev.ticketing.delivery.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything an order's confirmation mail, PDF and calendar entry say, gathered once: the order's code, the event's
 * name and start (printed in {@code zone}), who bought it (the name on the tickets; may be null for an order made
 * without a buyer) and in which language, the total, and its tickets.
 */
public record OrderDocument(String orderCode, String eventId, String eventName, Instant eventStart, ZoneId zone,
                            String buyerName, String language, BigDecimal total, String currency,
                            List<TicketSheet> tickets) {
}
