package dev.ticketing.payments;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.items.SalesGateItems;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.payments.items.OrderLinkItems;
import dev.ticketing.payments.items.PaymentItems;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.provider.CheckoutSession;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Every write that changes a payment apart from the sale, each one conditional so that a stale read, a retry or a
 * concurrent request can only make it fail, never make it wrong. The item formats and conditions are the owners'
 * ({@link PaymentItems}, {@link OrderLinkItems}, {@link HoldItems}, {@link TicketItems}, {@link SeatItems}); the
 * sale itself is {@link SellHold}.
 */
@Singleton
public class PaymentWrites {
    private final Table table;
    private final IdempotencyKeys idempotency;
    private final PaymentItems paymentItems;
    private final OrderLinkItems orderLinks;
    private final HoldItems holdItems;
    private final TicketItems ticketItems;
    private final SeatItems seatItems;
    private final RenewHold renewal;
    private final EventReader events;
    private final PaymentTiming timing;
    private final SalesGateItems gates;

    public PaymentWrites(Table table, IdempotencyKeys idempotency, RenewHold renewal, EventReader events,
                         PaymentTiming timing) {
        this.table = table;
        this.idempotency = idempotency;
        this.paymentItems = new PaymentItems(table);
        this.orderLinks = new OrderLinkItems(table);
        this.holdItems = new HoldItems(table);
        this.ticketItems = new TicketItems(table);
        this.seatItems = new SeatItems(table);
        this.renewal = renewal;
        this.events = events;
        this.timing = timing;
        this.gates = new SalesGateItems(table);
    }

    /**
     * The checkout transaction: the payment PENDING (due for reconciliation after {@code RECONCILE_AFTER}), attached
     * to the hold (only if ACTIVE, not expired, the caller's, and without a payment in flight), each ticket linked to
     * it, and the idempotency key. The first payment of a hold also extends it, its seats, lease and slot by the
     * payment grace (once per hold); only while the event's sales gate is open (not cancelled). A cancelled result
     * says whether the hold ({@link Role#HOLD}), the event ({@link Role#EVENT}) or the key
     * ({@link Role#IDEMPOTENCY_KEY}) refused.
     */
    public TransactionResult create(Payment payment, StoredHold stored, Instant now, Optional<IdempotencyKeys.Key> key) {
        Hold hold = stored.hold();
        Optional<Instant> graceEnd = renewal.graceEnd(stored);
        Transaction transaction = table.transaction()
                .add(Role.HOLD, holdItems.attachPayment(hold.id(), payment.id(), payment.userId(), now, graceEnd))
                .add(Role.PAYMENT, paymentItems.create(payment, now.plus(timing.reconcileAfter())))
                .add(Role.EVENT, gates.check(hold.eventId(), hold.id()));
        for (Ticket ticket : hold.tickets()) {
            transaction.add(Role.TICKET, ticket.id(), ticketItems.link(hold.id(), ticket.id(), payment.id()));
        }
        // the slot the hold names is its own: the hold is unexpired (attaching requires it) and was never extended
        graceEnd.ifPresent(until -> renewal.extend(transaction, stored, until, now, ActiveHoldGuard.SlotLookup.STORED));
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
     * cancel). False when the payment was not PENDING (or the capture had started). The payment stays due for
     * reconciliation until its order is released at the provider ({@link ReleaseCheckout}).
     */
    public boolean fail(Payment payment, PaymentFailure failure, String reason, Instant now, boolean beforeCaptureOnly) {
        var failing = failing(payment, failure, reason, now, beforeCaptureOnly);
        TransactionResult result = table.transaction()
                .add(Role.PAYMENT, failing)
                .add(Role.HOLD, holdItems.detachPayment(payment.holdId(), payment.id()))
                .commit();
        // Not committed: either the payment is no longer PENDING (then failing it alone is refused too), or the hold
        // no longer has this payment attached (nothing to free): then fail the payment alone.
        return result.committed() || table.writeAlone(failing);
    }

    /**
     * The write that ends a PENDING payment FAILED with nothing captured, to be committed alone or with its hold's
     * end: the payment stays due for reconciliation after {@code RECONCILE_AFTER} until its order is released at
     * the provider, so a crash between this write and the release cannot leave an authorization behind.
     */
    public TransactWriteItem failing(Payment payment, PaymentFailure failure, String reason, Instant now,
                                     boolean beforeCaptureOnly) {
        return paymentItems.fail(payment.id(), failure, reason, now, beforeCaptureOnly, null, null,
                Optional.of(now.plus(timing.reconcileAfter())));
    }

    /**
     * A captured payment that could not be sold, refunded: FAILED with the capture and the refund. The hold keeps
     * the payment attached (the hold is ended separately, and a new payment makes no sense for it).
     */
    public boolean failRefunded(Payment payment, String reason, String captureId, String refundId, Instant now) {
        return table.writeAlone(paymentItems.fail(payment.id(), PaymentFailure.TOO_LATE, reason, now, false,
                captureId, refundId, Optional.empty()));
    }

    /** A FAILED payment's order was released at the provider ({@code outcome}), or needs no release. */
    public void markReleased(String paymentId, String outcome, Instant now) {
        table.writeAlone(paymentItems.markReleased(paymentId, outcome, now));
    }

    /** Notes the refund of money that came in for an already FAILED payment; nothing when it is not FAILED. */
    public void recordRefund(Payment payment, String captureId, String refundId, Instant now) {
        table.writeAlone(paymentItems.recordRefund(payment.id(), captureId, refundId, now));
    }

    /**
     * The money of a sale went back at the provider (a refund or a reversal): in ONE transaction the payment becomes
     * REFUNDED, its tickets CANCELLED and, when the event has not started at {@code now} and is not cancelled, its
     * seats AVAILABLE again (each only if still sold to this payment; a cancelled event's sold seats stay SOLD, the
     * record of what its cancellation refunded). False when the payment is no longer SUCCESS (a repeat).
     */
    public boolean refunded(Payment payment, Hold hold, BigDecimal refundedAmount, String reason, Instant now) {
        return refunded(payment, hold, refundedAmount, reason, null, now);
    }

    /** {@link #refunded(Payment, Hold, BigDecimal, String, Instant)}, noting our own refund's id ({@code refundId}). */
    public boolean refunded(Payment payment, Hold hold, BigDecimal refundedAmount, String reason, String refundId,
                            Instant now) {
        Transaction transaction = table.transaction()
                .add(Role.PAYMENT, paymentItems.refund(payment.id(), refundedAmount, reason, refundId, now));
        for (Ticket ticket : hold.tickets()) {
            if (ticket.status() == TicketStatus.PAID) {
                transaction.add(Role.TICKET, ticket.id(), ticketItems.cancelPaid(hold.eventId(), hold.id(), ticket.id(), payment.id(), now));
            }
        }
        releaseSeats(transaction, payment, hold.eventId(), hold.tickets(), now);
        return transaction.commit().committed();
    }

    /**
     * Our own refund ({@code requestId} at the provider, answered by {@code refundId}) of {@code tickets} of a SUCCESS
     * payment, in ONE transaction with {@code auditEntry}: each ticket CANCELLED (only if still PAID by this payment;
     * its code version moves on, so its code is revoked), its seat AVAILABLE again when the event has not started
     * at {@code now} and is not cancelled (else it stays SOLD, the record of the sale), the payment's refunded amount
     * raised from {@code previousRefunded} to {@code refundedAmount} ({@link PaymentItems#refundTickets}) and, when
     * {@code whole} (no ticket left), the payment REFUNDED. False, with nothing written, when any of it no longer
     * holds (a repeat, or a concurrent refund).
     */
    public boolean refundTickets(Payment payment, List<Ticket> tickets, BigDecimal previousRefunded,
                                 BigDecimal refundedAmount, boolean whole, String requestId, String refundId,
                                 String reason, TransactWriteItem auditEntry, Instant now) {
        Transaction transaction = table.transaction()
                .add(Role.PAYMENT, paymentItems.refundTickets(payment.id(), previousRefunded, refundedAmount, whole,
                        requestId, refundId, reason, now))
                .add(Role.AUDIT_ENTRY, auditEntry);
        for (Ticket ticket : tickets) {
            transaction.add(Role.TICKET, ticket.id(), ticketItems.cancelPaid(payment.eventId(), payment.holdId(), ticket.id(),
                    payment.id(), now));
        }
        releaseSeats(transaction, payment, payment.eventId(), tickets, now);
        return transaction.commit().committed();
    }

    /** Adds the seats of refunded {@code tickets} back on sale, unless the event has started or is cancelled. */
    private void releaseSeats(Transaction transaction, Payment payment, String eventId, List<Ticket> tickets,
                              Instant now) {
        // as stored, not cached: a cancelled event's seats must stay SOLD for its cancellation to count them
        Event event = events.current(eventId).orElseThrow();
        if (event.date().isAfter(now) && event.status() != EventStatus.CANCELLED) {
            for (Ticket ticket : tickets) {
                SeatId seat = new SeatId(ticket.row(), ticket.column());
                transaction.add(Role.SEAT, seat.toString(), seatItems.releaseSold(event, seat, payment.id()));
            }
        }
    }

    /** Records a partial refund on a SUCCESS payment and flags it for an operator. */
    public void recordPartialRefund(Payment payment, BigDecimal refundedAmount, String flag, Instant now) {
        table.writeAlone(paymentItems.recordPartialRefund(payment.id(), refundedAmount, flag, now));
    }

    /** Flags the payment for an operator, with the reason; changes nothing else. */
    public void flagAnomaly(Payment payment, String reason, Instant now) {
        table.writeAlone(paymentItems.flagAnomaly(payment.id(), reason, now));
    }

    /** A PENDING payment (or a FAILED one whose release is still to do) is due for reconciliation again at {@code next}. */
    public void postponeReconcile(Payment payment, Instant next) {
        table.writeAlone(paymentItems.postponeReconcile(payment.id(), next));
    }

    /** Takes a payment that is no longer PENDING out of the reconcile index (an entry left behind). */
    public void unindexReconcile(String paymentId) {
        table.writeAlone(paymentItems.unindexReconcile(paymentId));
    }

    /** Whether this caller may ask the provider about the payment now (one caller per interval, in any instance). */
    public boolean claimProviderCheck(Payment payment, Instant now) {
        return table.writeAlone(paymentItems.claimProviderCheck(payment.id(), now, timing.providerCheckInterval()));
    }
}
