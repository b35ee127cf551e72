package dev.ticketing.orders.model;

import dev.ticketing.payments.provider.PaymentProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the sale wrote it, once: its code, whose it is, what was paid and for which seats. What changes
 * later (a ticket refunded, admitted) lives on the tickets; {@link Order} is the two together. {@code buyer} is
 * null for a purchase made by a client that did not send one (see docs/orders-and-admission.md). {@code mail} is
 * what became of its confirmation mail (docs/delivery.md).
 */
public record PlacedOrder(String code, String eventId, String userId, String holdId, String paymentId, Buyer buyer,
                          BigDecimal total, String currency, PaymentProvider provider, Instant createdAt,
                          List<OrderLine> lines, MailRecord mail) {

    /** An order as the sale makes it: no mail sent yet. */
    public PlacedOrder(String code, String eventId, String userId, String holdId, String paymentId, Buyer buyer,
                       BigDecimal total, String currency, PaymentProvider provider, Instant createdAt,
                       List<OrderLine> lines) {
        this(code, eventId, userId, holdId, paymentId, buyer, total, currency, provider, createdAt, lines,
                MailRecord.NONE);
    }
}
