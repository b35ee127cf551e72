package dev.ticketing.payments;

import static dev.ticketing.store.Attr.s;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.Event;
import dev.ticketing.events.EventStore;
import dev.ticketing.holds.Hold;
import dev.ticketing.holds.HoldItems;
import dev.ticketing.holds.HoldStatus;
import dev.ticketing.holds.StoredHold;
import dev.ticketing.holds.ActiveHoldGuard;
import dev.ticketing.holds.HoldStore;
import dev.ticketing.seats.SeatId;
import dev.ticketing.seats.SeatItems;
import dev.ticketing.seats.SeatStatus;
import dev.ticketing.seats.SeatStore;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The sale: ONE transaction that turns a captured payment into tickets. Payment PENDING -> SUCCESS with the
 * capture id; each ticket PENDING -> PAID; each seat RESERVED by this hold -> SOLD; the hold ACTIVE -> PAID (its
 * expiry-index attributes removed); its lease and its active-hold guard item deleted. It does NOT require the
 * hold to be unexpired: money that arrives a little late still buys the seats as long as nobody else has taken
 * them, which the seat condition ({@code hold_id = :hold AND status = RESERVED}) decides. When the transaction is
 * refused, the state is read again to tell a repeat (already sold) from a sale that is no longer possible.
 */
@Singleton
public class PaymentSale {
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

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSale.class);
    private static final int ATTEMPTS = 4;
    private static final int TRANSACTION_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final HoldStore holds;
    private final PaymentStore payments;
    private final EventStore events;
    private final Clock clock;
    private final ActiveHoldGuard guard;
    private final SeatStore seatStore;

    public PaymentSale(DynamoDbClient dynamo, TicketingConfig config, HoldStore holds, PaymentStore payments,
                       EventStore events, Clock clock, ActiveHoldGuard guard, SeatStore seatStore) {
        this.guard = guard;
        this.seatStore = seatStore;
        this.dynamo = dynamo;
        this.table = config.tableName();
        this.holds = holds;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
    }

    public Result sell(Payment payment, String captureId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            StoredHold payable = holds.load(payment.holdId())
                    .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " has no hold " + payment.holdId()));
            Hold hold = payable.hold();
            Event event = events.get(hold.eventId());
            List<TransactWriteItem> items = saleItems(payment, captureId, hold, event);
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                LOG.info("payment {} SUCCESS: hold {} PAID, {} seat(s) SOLD", payment.id(), hold.id(), hold.seats().size());
                return new Result(Outcome.SOLD, null);
            } catch (TransactionCanceledException cancelled) {
                Result diagnosis = diagnose(payment, event);
                if (diagnosis != null) {
                    return diagnosis;
                }
                LOG.info("sale of payment {} collided with another write (attempt {}): {}", payment.id(), attempt,
                        cancelled.cancellationReasons().stream().map(r -> r.code()).toList());
            }
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

    private List<TransactWriteItem> saleItems(Payment payment, String captureId, Hold hold, Event event) {
        String now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(update(Update.builder().tableName(table).key(PaymentItems.key(payment.id()))
                .updateExpression("SET #status = :success, capture_id = :capture, updated_at = :now, ended_at = :now")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", PaymentItems.STATUS))
                .expressionAttributeValues(Map.of(
                        ":success", s(PaymentStatus.SUCCESS.name()),
                        ":capture", s(captureId == null ? "unknown" : captureId),
                        ":now", s(now),
                        ":pending", s(PaymentStatus.PENDING.name())))));
        for (Ticket ticket : hold.tickets()) {
            items.add(update(Update.builder().tableName(table).key(HoldItems.ticketKey(hold.id(), ticket.id()))
                    .updateExpression("SET #status = :paid, paid_at = :now")
                    .conditionExpression("#status = :pending AND payment_id = :pid")
                    .expressionAttributeNames(Map.of("#status", HoldItems.STATUS))
                    .expressionAttributeValues(Map.of(
                            ":paid", s(TicketStatus.PAID.name()),
                            ":pending", s(TicketStatus.PENDING.name()),
                            ":pid", s(payment.id()),
                            ":now", s(now)))));
        }
        for (var seat : hold.seats()) {
            items.add(update(Update.builder().tableName(table)
                    .key(SeatItems.key(event, new SeatId(seat.row(), seat.column())))
                    .updateExpression("SET #status = :sold, sold_at = :now, payment_id = :pid REMOVE expires_at")
                    .conditionExpression("#status = :reserved AND hold_id = :hold")
                    .expressionAttributeNames(Map.of("#status", SeatItems.STATUS))
                    .expressionAttributeValues(Map.of(
                            ":sold", s(SeatStatus.SOLD.name()),
                            ":reserved", s(SeatStatus.RESERVED.name()),
                            ":hold", s(hold.id()),
                            ":pid", s(payment.id()),
                            ":now", s(now)))));
        }
        items.add(update(Update.builder().tableName(table).key(HoldItems.metaKey(hold.id()))
                // expiry_shard: the expiry index's attribute; removing it when absent is harmless
                .updateExpression("SET #status = :paid, paid_at = :now REMOVE expiry_shard")
                .conditionExpression("#status = :active AND payment_id = :pid")
                .expressionAttributeNames(Map.of("#status", HoldItems.STATUS))
                .expressionAttributeValues(Map.of(
                        ":paid", s(HoldStatus.PAID.name()),
                        ":active", s(HoldStatus.ACTIVE.name()),
                        ":pid", s(payment.id()),
                        ":now", s(now)))));
        guard.release(hold).ifPresent(freeSlot -> items.add(TransactWriteItem.builder().delete(freeSlot).build()));
        if (items.size() < TRANSACTION_LIMIT) {
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(HoldItems.leaseKey(hold.id())).build()).build());
        }
        // else: the lease stays until its TTL, and cleanup finds the hold PAID and leaves it alone
        return items;
    }

    /** Which of the hold's seats it still holds, and which someone else has taken (held or sold), in seat order. */
    private SeatsNow seatsNow(Hold hold, Event event) {
        List<SeatId> seats = hold.seats().stream().map(seat -> new SeatId(seat.row(), seat.column())).sorted().toList();
        Map<SeatId, SeatStore.StoredSeat> stored = seatStore.read(event, seats);
        List<String> notHeld = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        long now = clock.millis();
        for (SeatId seat : seats) {
            SeatStore.StoredSeat item = stored.get(seat);
            if (item != null && item.heldBy(hold.id())) {
                continue;
            }
            notHeld.add(seat.toString());
            boolean othersReservation = item != null && item.status() == SeatStatus.RESERVED
                    && item.expiresAtMillis() > now;
            boolean ours = item != null && hold.id().equals(item.holdId());
            if (!ours && (item != null && item.status() == SeatStatus.SOLD || othersReservation)) {
                taken.add(seat.toString());
            }
        }
        return new SeatsNow(notHeld, taken);
    }

    private record SeatsNow(List<String> notHeld, List<String> taken) {
    }

    private static TransactWriteItem update(Update.Builder update) {
        return TransactWriteItem.builder().update(update.build()).build();
    }
}
