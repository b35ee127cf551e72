package dev.ticketing.payments;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeping a hold's seats for the buyer while they pay: every seat, the lease and the active-hold slot move to a new
 * end together, each write conditioned on still being this hold's (a seat also when nobody else has it since the
 * hold lapsed). Used when a payment starts (the payment grace, once per hold) and before any money is taken (the
 * capture window), so money is never taken for seats the buyer no longer has.
 */
@Singleton
public class RenewHold {
    private static final int ATTEMPTS = 3;

    /**
     * Whether the seats are the buyer's for the capture, and if not, why; {@code salesClosed}: the reason when the
     * event's sales ended or it was cancelled (null otherwise).
     */
    public record Secured(boolean secured, HoldStatus storedStatus, boolean expired, boolean otherPayment,
                          List<String> takenSeats, String salesClosed) {
        Secured(boolean secured, HoldStatus storedStatus, boolean expired, boolean otherPayment, List<String> takenSeats) {
            this(secured, storedStatus, expired, otherPayment, takenSeats, null);
        }

        static Secured yes() {
            return new Secured(true, HoldStatus.ACTIVE, false, false, List.of());
        }
    }

    private final Table table;
    private final HoldReader holds;
    private final EventReader events;
    private final HoldItems holdItems;
    private final SeatItems seatItems;
    private final ActiveHoldGuard guard;
    private final SeatMapCache snapshots;
    private final PaymentTiming timing;
    private final Clock clock;

    public RenewHold(Table table, HoldReader holds, EventReader events, ActiveHoldGuard guard,
                     SeatMapCache snapshots, PaymentTiming timing, Clock clock) {
        this.table = table;
        this.holds = holds;
        this.events = events;
        this.holdItems = new HoldItems(table);
        this.seatItems = new SeatItems(table);
        this.guard = guard;
        this.snapshots = snapshots;
        this.timing = timing;
        this.clock = clock;
    }

    /** Where the payment grace moves the hold's end; empty when the hold has had its grace already. */
    public java.util.Optional<Instant> graceEnd(StoredHold stored) {
        if (stored.paymentGraceUsed() || timing.paymentGrace().isZero()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(stored.hold().expiresAt().plus(timing.paymentGrace()));
    }

    /**
     * Adds to {@code transaction} the writes that keep the hold's seats, lease and slot until {@code until}
     * (the hold item itself is the caller's: attaching a payment, or {@link HoldItems#extendForCapture});
     * {@code slotLookup} says how the slot is found.
     */
    public void extend(Transaction transaction, StoredHold stored, Instant until, Instant now,
                       ActiveHoldGuard.SlotLookup slotLookup) {
        Hold hold = stored.hold();
        Event event = events.get(hold.eventId());
        for (Ticket ticket : hold.tickets()) {
            SeatId seat = new SeatId(ticket.row(), ticket.column());
            transaction.add(Role.SEAT, seat.toString(),
                    seatItems.renew(event, seat, hold.id(), ticket.id(), hold.userId(), until, now));
        }
        transaction.add(Role.LEASE, holdItems.renewLease(hold, until));
        guard.renew(transaction, stored, until, slotLookup);
    }

    /**
     * Makes sure the hold's seats are the buyer's for at least the capture window, before any money is taken: an
     * ACTIVE hold waiting for this payment that ends sooner (or has ended) takes its seats back until now + the
     * capture window, if every one is still its own or free. Not secured: a hold paid, released or ended, one that
     * waits for another payment, a seat someone else has now, or an event whose sales have ended (its
     * {@code salesEnd}: final, whatever the grace) or that was cancelled (read as stored, not cached).
     */
    public Secured secureForCapture(String holdId, String paymentId) {
        for (int attempt = 1; ; attempt++) {
            StoredHold stored = holds.load(holdId).orElse(null);
            if (stored == null) {
                return new Secured(false, null, true, false, List.of());
            }
            Hold hold = stored.hold();
            if (stored.storedStatus() != HoldStatus.ACTIVE) {
                return new Secured(false, stored.storedStatus(), hold.status() == HoldStatus.EXPIRED, false, List.of());
            }
            if (!paymentId.equals(stored.paymentId())) {
                return new Secured(false, stored.storedStatus(), hold.status() == HoldStatus.EXPIRED, true, List.of());
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String closed = salesClosed(hold.eventId(), now);
            if (closed != null) {
                return new Secured(false, stored.storedStatus(), false, false, List.of(), closed);
            }
            Instant until = now.plus(timing.captureWindow());
            if (hold.expiresAt().isAfter(until)) {
                return Secured.yes();
            }
            Transaction transaction = table.transaction().add(Role.HOLD, holdItems.extendForCapture(holdId, paymentId, until));
            extend(transaction, stored, until, now, ActiveHoldGuard.SlotLookup.forAttempt(attempt));
            TransactionResult result = transaction.commit();
            if (result.committed()) {
                snapshots.invalidate(hold.eventId());
                return Secured.yes();
            }
            if (!result.contestedSeats().isEmpty()) {
                return new Secured(false, HoldStatus.ACTIVE, true, false, result.contestedSeats());
            }
            if (attempt == ATTEMPTS) {
                throw result.cause();
            }
            // the hold changed meanwhile (ended, paid, its payment detached), or the slot it names was claimed by
            // another hold after its time was up: decide again on what it is now (the slot by query)
        }
    }

    /** Why nothing of the event may be sold at {@code now}, read as stored; null when its sales go on. */
    private String salesClosed(String eventId, Instant now) {
        Event event = events.current(eventId).orElse(null);
        if (event == null || event.status() == EventStatus.CANCELLED) {
            return PaymentRules.EVENT_CANCELLED_NOT_CAPTURED;
        }
        return event.salesEndedAt(now) ? PaymentRules.salesEndedNotCapturedReason(event.salesEnd()) : null;
    }
}
