package dev.ticketing.payments;

import dev.ticketing.holds.Hold;
import dev.ticketing.holds.HoldItems;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.payments.gateway.CheckoutSession;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.Transaction.Role;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketItems;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * Every write that changes a payment before the sale, each one conditional so that a stale read, a retry or a
 * concurrent request can only make it fail, never make it wrong. The item formats and conditions are the owners'
 * ({@link PaymentItems}, {@link OrderLinkItems}, {@link HoldItems}, {@link TicketItems}); the sale itself is
 * {@link PaymentSale}.
 */
@Singleton
public class PaymentWrites {
    private final Table table;
    private final IdempotencyKeys idempotency;
    private final PaymentItems paymentItems;
    private final OrderLinkItems orderLinks;
    private final HoldItems holdItems;
    private final TicketItems ticketItems;

    public PaymentWrites(Table table, IdempotencyKeys idempotency, PaymentItems paymentItems, OrderLinkItems orderLinks,
                         HoldItems holdItems, TicketItems ticketItems) {
        this.table = table;
        this.idempotency = idempotency;
        this.paymentItems = paymentItems;
        this.orderLinks = orderLinks;
        this.holdItems = holdItems;
        this.ticketItems = ticketItems;
    }

    /**
     * The checkout transaction: the payment PENDING, attached to the hold (only if ACTIVE, not expired, the caller's,
     * and without a payment in flight), each ticket linked to it, and the idempotency key. A cancelled result says
     * whether the hold ({@link Role#HOLD}) or the key ({@link Role#IDEMPOTENCY_KEY}) refused.
     */
    public TransactionResult create(Payment payment, Hold hold, Instant now, Optional<IdempotencyKeys.Key> key) {
        Transaction transaction = table.transaction()
                .add(Role.HOLD, holdItems.attachPayment(hold.id(), payment.id(), payment.userId(), now))
                .add(Role.PAYMENT, paymentItems.create(payment));
        for (Ticket ticket : hold.tickets()) {
            transaction.add(Role.TICKET, ticket.id(), ticketItems.link(hold.id(), ticket.id(), payment.id()));
        }
        key.ifPresent(k -> transaction.add(Role.IDEMPOTENCY_KEY, idempotency.record(k, payment.id(), now)));
        return transaction.commit(payment.id());
    }

    /** Stores the provider order and its link item; false when the payment no longer waits for one. */
    public boolean attachOrder(Payment payment, CheckoutSession session, Instant now) {
        return table.transaction()
                .add(Role.PAYMENT, paymentItems.attachOrder(payment.id(), session, now))
                .add(Role.ORDER_LINK, orderLinks.create(payment.provider(), session.orderId(), payment.id()))
                .commit()
                .committed();
    }

    /** The buyer approved and we are about to ask for the money: from now on the buyer can no longer cancel. */
    public boolean markCaptureRequested(Payment payment, Instant now) {
        return table.writeAlone(paymentItems.markCaptureRequested(payment.id(), now));
    }

    /**
     * Ends a PENDING payment FAILED and frees its hold for another payment (the hold's payment is detached when it
     * is still this one). {@code beforeCaptureOnly}: only if we have not asked for the money yet (a buyer's
     * cancel). False when the payment was not PENDING (or the capture had started).
     */
    public boolean fail(Payment payment, PaymentFailure failure, String reason, Instant now, boolean beforeCaptureOnly) {
        var failing = paymentItems.fail(payment.id(), failure, reason, now, beforeCaptureOnly, null, null);
        TransactionResult result = table.transaction()
                .add(Role.PAYMENT, failing)
                .add(Role.HOLD, holdItems.detachPayment(payment.holdId(), payment.id()))
                .commit();
        // Not committed: either the payment is no longer PENDING (then failing it alone is refused too), or the hold
        // no longer has this payment attached (nothing to free): then fail the payment alone.
        return result.committed() || table.writeAlone(failing);
    }

    /**
     * A captured payment that could not be sold, refunded: FAILED with the capture and the refund. The hold keeps
     * the payment attached (the hold is ended separately, and a new payment makes no sense for it).
     */
    public boolean failRefunded(Payment payment, String reason, String captureId, String refundId, Instant now) {
        return table.writeAlone(paymentItems.fail(payment.id(), PaymentFailure.TOO_LATE, reason, now, false,
                captureId, refundId));
    }

    /** Notes the refund of money that came in for an already FAILED payment; nothing when it is not FAILED. */
    public void recordRefund(Payment payment, String captureId, String refundId, Instant now) {
        table.writeAlone(paymentItems.recordRefund(payment.id(), captureId, refundId, now));
    }
}
