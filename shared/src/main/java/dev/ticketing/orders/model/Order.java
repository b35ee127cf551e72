package dev.ticketing.orders.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.payments.provider.PaymentProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as its buyer, staff and admins see it ({@code GET /me/orders}, {@code GET /orders/{code}}): the placed
 * order with each ticket's state now, and a PAID ticket's code (the QR payload checked at the door).
 */
public record Order(String code, String eventId, OrderStatus status,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, String currency,
                    PaymentProvider provider, @JsonInclude(JsonInclude.Include.ALWAYS) Buyer buyer, String paymentId,
                    Instant createdAt, List<OrderTicket> tickets) {
}
