package dev.ticketing.payments;

import dev.ticketing.config.MailConfig;
import dev.ticketing.delivery.queue.OrderMailQueue;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.items.SalesGateItems;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.orders.items.OrderItems;
import dev.ticketing.orders.model.OrderCode;
import dev.ticketing.orders.model.OrderLine;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.payments.items.PaymentItems;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sale: ONE transaction that turns a captured payment into an order with tickets. Payment PENDING -> SUCCESS
 * with the capture id and the order's code; the order created under a new random code (refused where that code
 * exists: then the sale is tried again with another); each ticket PENDING -> PAID in that order; each seat RESERVED
 * by this hold -> SOLD; the hold ACTIVE -> PAID (its expiry-index attributes removed); its lease and its
 * active-hold guard item deleted. So a sale without its order cannot exist, nor an order without its sale. It does NOT require the
 * hold to be unexpired: money that arrives a little late still buys the seats as long as nobody else has taken
 * them, which the seat condition ({@code hold_id = :hold AND status = RESERVED}) decides. Nothing is sold once the
 * event's sales have ended ({@code salesEnd}, by default its start: final, whatever the payment grace) or once it is
 * cancelled: the transaction checks the hold's sales gate ({@link SalesGateItems}), which the cancel closes in its own
 * transaction, so a sale racing a cancel either commits before it (and the cancellation refunds it) or is refused
 * (and its money goes back here). When the transaction is refused, the state is read again to tell a repeat (already
 * sold) from a sale that is no longer possible. Once committed, the order's confirmation mail is queued
 * ({@link OrderMailQueue}); the order, in the mail outbox from the start, is re-driven if that never happens.
 */
@Singleton
public class SellHold {
    /** What became of the sale. */
    public enum Outcome { SOLD, ALREADY_SOLD, PAYMENT_FAILED, TOO_LATE }

    public record Result(Outcome outcome, String reason) {
    }

    /** The sale kept colliding with other writes; the message should be tried again later. */
    public static final class SaleContendedException extends RuntimeException {
        SaleContendedException(String message) {
            super(message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SellHold.class);
    private static final int ATTEMPTS = 4;
    private final Table table;
    private final HoldReader holds;
    private final PaymentReader payments;
    private final EventReader events;
    private final Clock clock;
    private final ActiveHoldGuard guard;
    private final SeatBatches seatStore;
    private final PaymentItems paymentItems;
    private final TicketItems ticketItems;
    private final SeatItems seatItems;
    private final HoldItems holdItems;
    private final SalesGateItems gates;
    private final OrderItems orderItems;
    private final OrderMailQueue mails;
    private final java.time.Duration mailRedriveAfter;

    public SellHold(Table table, HoldReader holds, PaymentReader payments, EventReader events, Clock clock,
                    ActiveHoldGuard guard, SeatBatches seatStore, OrderMailQueue mails, MailConfig mail) {
        this.table = table;
        this.holds = holds;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
        this.guard = guard;
        this.seatStore = seatStore;
        this.paymentItems = new PaymentItems(table);
        this.ticketItems = new TicketItems(table);
        this.seatItems = new SeatItems(table);
        this.holdItems = new HoldItems(table);
        this.gates = new SalesGateItems(table);
        this.orderItems = new OrderItems(table);
        this.mails = mails;
        this.mailRedriveAfter = mail.redriveAfter();
    }

    /** Sells the payment's hold on {@code captureId}, the provider's id of a verified, COMPLETED capture (never null). */
    public Result sell(Payment payment, String captureId) {
        java.util.Objects.requireNonNull(captureId, "a sale needs the provider's capture id");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            StoredHold payable = holds.load(payment.holdId())
                    .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " has no hold " + payment.holdId()));
            Hold hold = payable.hold();
            Event event = events.get(hold.eventId());
            if (event.salesEndedAt(clock.instant())) {
                LOG.info("payment {} not sold: the sales of event {} ended at {}", payment.id(), event.id(), event.salesEnd());
                return new Result(Outcome.TOO_LATE, PaymentRules.salesEndedReason(event.salesEnd()));
            }
            String orderCode = OrderCode.random();
            TransactionResult result = sale(payment, captureId, orderCode, payable, event,
                    ActiveHoldGuard.SlotLookup.forAttempt(attempt)).commit();
            if (result.committed()) {
                LOG.info("payment {} SUCCESS: order {}, hold {} PAID, {} seat(s) SOLD", payment.id(), orderCode, hold.id(),
                        hold.seats().size());
                // after the commit, never in it: the mail must not fail the sale, and the outbox covers a crash here
                mails.queue(orderCode);
                return new Result(Outcome.SOLD, null);
            }
            if (result.contested(Role.ORDER)) {
                // another order has this code (about 1 in 887 million per order sold): the next attempt draws another
                LOG.info("order code {} taken; the sale of payment {} takes another", orderCode, payment.id());
                continue;
            }
            Result diagnosis = diagnose(payment, event);
            if (diagnosis != null) {
                return diagnosis;
            }
            LOG.info("sale of payment {} collided with another write (attempt {}): {}", payment.id(), attempt,
                    result.cause().cancellationReasons().stream().map(r -> r.code()).toList());
        }
        throw new SaleContendedException("the sale of payment " + payment.id() + " kept colliding with other writes");
    }

    /** Why the sale was refused, read from the items again; null when it should simply be tried again. */
    private Result diagnose(Payment payment, Event event) {
        Payment now = payments.get(payment.id());
        if (now.status() == PaymentStatus.SUCCESS) {
            return new Result(Outcome.ALREADY_SOLD, null);
        }
        if (now.status() == PaymentStatus.FAILED) {
            return new Result(Outcome.PAYMENT_FAILED, now.failureReason());
        }
        if (events.current(event.id()).map(Event::status).orElse(null) == EventStatus.CANCELLED) {
            return new Result(Outcome.TOO_LATE, PaymentRules.EVENT_CANCELLED_REFUNDED);
        }
        StoredHold payable = holds.load(payment.holdId()).orElseThrow();
        Hold hold = payable.hold();
        SeatsNow seats = seatsNow(hold, event);
        HoldStatus stored = payable.storedStatus();
        if (stored == HoldStatus.PAID) {
            return new Result(Outcome.TOO_LATE, "The hold was already paid by another payment; the payment was refunded");
        }
        if (stored != HoldStatus.ACTIVE || !seats.notHeld().isEmpty() || !payment.id().equals(payable.paymentId())) {
            return new Result(Outcome.TOO_LATE,
                    PaymentRules.tooLateReason(stored, hold.status() == HoldStatus.EXPIRED, seats.taken()));
        }
        return null;
    }

    private Transaction sale(Payment payment, String captureId, String orderCode, StoredHold payable, Event event,
                             ActiveHoldGuard.SlotLookup slotLookup) {
        Hold hold = payable.hold();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Transaction transaction = table.transaction()
                .add(Role.PAYMENT, paymentItems.succeed(payment.id(), captureId, orderCode, now))
                .add(Role.ORDER, orderItems.create(order(orderCode, payment, hold, now), now.plus(mailRedriveAfter)));
        for (Ticket ticket : hold.tickets()) {
            transaction.add(Role.TICKET, ticket.id(), ticketItems.pay(hold.eventId(), hold.id(), ticket.id(), payment.id(), orderCode,
                    payment.buyer() == null ? null : payment.buyer().name(), now));
        }
        for (HeldSeat seat : hold.seats()) {
            SeatId id = new SeatId(seat.row(), seat.column());
            transaction.add(Role.SEAT, id.toString(), seatItems.sell(event, id, hold.id(), payment.id(), now));
        }
        transaction.add(Role.HOLD, holdItems.markPaid(hold.id(), payment.id(), now));
        transaction.add(Role.EVENT, gates.check(event.id(), hold.id()));
        guard.release(transaction, payable, slotLookup);
        if (transaction.size() < Transaction.LIMIT) {
            transaction.add(Role.LEASE, holdItems.deleteLease(hold.id()));
        }
        // else: the lease stays until its TTL, and cleanup finds the hold PAID and leaves it alone
        return transaction;
    }

    /** The order the sale makes: the hold's tickets with their seats and prices, paid by this payment. */
    private static PlacedOrder order(String code, Payment payment, Hold hold, Instant now) {
        Map<String, HeldSeat> seats = new java.util.HashMap<>();
        hold.seats().forEach(seat -> seats.put(seat.id(), seat));
        List<OrderLine> lines = hold.tickets().stream().map(ticket -> new OrderLine(ticket.id(), ticket.seatId(),
                ticket.row(), ticket.column(), seats.get(ticket.seatId()).price(), seats.get(ticket.seatId()).label()))
                .toList();
        return new PlacedOrder(code, hold.eventId(), hold.userId(), hold.id(), payment.id(), payment.buyer(),
                payment.amount(), payment.currency(), payment.provider(), now, lines);
    }

    /** Which of the hold's seats it still holds, and which someone else has taken (held or sold), in seat order. */
    private SeatsNow seatsNow(Hold hold, Event event) {
        List<SeatId> seats = hold.seats().stream().map(seat -> new SeatId(seat.row(), seat.column())).sorted().toList();
        Map<SeatId, SeatItems.StoredSeat> stored = seatStore.read(event, seats);
        List<String> notHeld = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        long now = clock.millis();
        for (SeatId seat : seats) {
            SeatItems.StoredSeat item = stored.get(seat);
            if (item != null && item.heldBy(hold.id())) {
                continue;
            }
            notHeld.add(event.layout().idOf(seat));
            boolean othersReservation = item != null && item.status() == SeatStatus.RESERVED
                    && item.expiresAtMillis() > now;
            boolean ours = item != null && hold.id().equals(item.holdId());
            if (!ours && (item != null && item.status() == SeatStatus.SOLD || othersReservation)) {
                taken.add(event.layout().idOf(seat));
            }
        }
        return new SeatsNow(notHeld, taken);
    }

    private record SeatsNow(List<String> notHeld, List<String> taken) {
    }

}
