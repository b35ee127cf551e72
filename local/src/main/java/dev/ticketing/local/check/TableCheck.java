package dev.ticketing.local.check;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.ReportSales;
import dev.ticketing.events.CancelEvent;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Cancellation;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.SalesReport;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.items.OrderReader;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a whole table (one scan for the hold and payment ids, every event's seats, one query per hold) and
 * reports every broken promise it can see in storage:
 * <ul>
 *   <li>{@code seat-sold-without-payment}: a SOLD seat whose hold is not PAID by a SUCCESS payment that covers it
 *       (or by a REFUNDED one, when the event has started or was cancelled: its sold seats stay SOLD; or is not a comp: seats the organiser gave away, PAID without a payment);</li>
 *   <li>{@code payment-without-seats}: a SUCCESS payment whose hold is not PAID by it, or one of whose seats or
 *       tickets is not SOLD / PAID;</li>
 *   <li>{@code seat-in-two-holds}: a seat in two holds that are both live (ACTIVE and unexpired, or PAID by a
 *       SUCCESS payment; a REFUNDED sale gives its seats back);</li>
 *   <li>{@code active-hold-without-seat}: an ACTIVE, unexpired hold one of whose seats is not RESERVED for it
 *       until the same instant;</li>
 *   <li>{@code failed-payment-without-reason}, {@code failed-payment-kept-money}: a FAILED payment with no reason,
 *       or captured and not refunded;</li>
 *   <li>{@code report-differs-from-table}: the organiser's sales report of an event ({@link ReportSales}) says other
 *       seat counts than the checker's own count of its seats (a RESERVED seat whose hold expired counted available,
 *       a SOLD seat of a comp hold a comp), or another gross or refunded amount than the payments of the holds its
 *       SOLD seats name (each payment once; a partial refund's {@code refundedAmount}, a REFUNDED one's whole).</li>
 *   <li>{@code payment-refunded-twice}: a payment whose recorded refunds give back more than it took
 *       ({@code refunded_amount} above {@code amount}), or a REFUNDED one that still has a PAID ticket (its refund
 *       and its tickets' cancellation are one transaction, so a ticket left paid means a refund written apart from
 *       it: the way to the same money going back twice);</li>
 *   <li>{@code cancellation-counts}: a cancelled event's pages count more tickets refunded than it has sold seats
 *       whose payment is REFUNDED (a refund counted twice); once every page is done, fewer, or refunded and failed
 *       not adding up to the tickets it had sold;</li>
 *   <li>{@code cancelled-event-active-hold}: an ACTIVE, unexpired hold on a cancelled event once every page of its
 *       cancellation is done (every hold ends; one whose payment's capture was already asked for is left to the
 *       payment flow and is not counted).</li>
 * </ul>
 * The rules of DESIGN 7 (no payment refunded twice) and of the event's cancellation (docs/organiser-operations.md).
 * Reads are strongly consistent, but the table may change while it is read: on a live table a violation can be
 * a change seen half-way; check again before acting on one.
 */
public final class TableCheck {
    /** Who the checker reads reports as: a platform admin (it reads every event). */
    private static final Caller CHECKER = new Caller("table-check", true);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final EventReader events;
    private final SeatBatches seats;
    private final HoldReader holds;
    private final PaymentReader payments;
    private final ReportSales reports;
    private final CancelEvent cancellations;

    /** What was read, and what was wrong with it. */
    public record Report(int events, int seats, int holds, int payments, List<Violation> violations) {
        public String summary() {
            return String.format("checked %d event(s), %d seat(s), %d hold(s), %d payment(s): %d violation(s)",
                    events, seats, holds, payments, violations.size());
        }
    }

    public TableCheck(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        // only the table name matters to the readers; the rest is what a function would be configured with
        Table stored = new Table(dynamo, new TicketingConfig(table, Duration.ofMinutes(10), 10, 1));
        this.events = new EventReader(stored);
        this.seats = new SeatBatches(stored);
        this.holds = new HoldReader(stored, clock);
        this.payments = new PaymentReader(stored);
        this.reports = new ReportSales(events, seats, payments, new OrderReader(stored), clock);
        // the progress as GET /events/{id} shows it; the checker queues no work
        this.cancellations = new CancelEvent(stored, events, steps -> {
            throw new UnsupportedOperationException("the table check only reads");
        }, clock);
    }

    public Report run() {
        Instant now = clock.instant();
        List<String> holdIds = new ArrayList<>();
        List<String> paymentIds = new ArrayList<>();
        scanMainItems(holdIds, paymentIds);

        Map<String, StoredHold> holdsById = new HashMap<>();
        for (String holdId : holdIds) {
            holds.load(holdId).ifPresent(hold -> holdsById.put(holdId, hold));
        }
        Map<String, Payment> paymentsById = new HashMap<>();
        for (String paymentId : paymentIds) {
            payments.find(paymentId).ifPresent(payment -> paymentsById.put(paymentId, payment));
        }
        List<Violation> violations = new ArrayList<>();
        int seatCount = 0;
        List<Event> all = events.list();
        for (Event event : all) {
            List<SeatItems.StoredSeat> stored = seats.readAll(event);
            seatCount += stored.size();
            checkSeats(event, stored, holdsById, paymentsById, now, violations);
            checkLiveHolds(event, stored, holdsById, paymentsById, now, violations);
            checkReport(event, stored, holdsById, paymentsById, now, violations);
            if (event.status() == EventStatus.CANCELLED) {
                checkCancellation(event, stored, holdsById, paymentsById, now, violations);
            }
        }
        for (Payment payment : paymentsById.values()) {
            checkPayment(payment, holdsById, all, violations);
        }
        return new Report(all.size(), seatCount, holdsById.size(), paymentsById.size(), violations);
    }

    private void scanMainItems(List<String> holdIds, List<String> paymentIds) {
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .projectionExpression("#pk, #sk")
                        .filterExpression("#sk = :main AND (begins_with(#pk, :hold) OR begins_with(#pk, :payment))")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                        .expressionAttributeValues(Map.of(
                                ":main", AttributeValue.fromS(TableLayout.MAIN_ITEM),
                                ":hold", AttributeValue.fromS(TableLayout.HOLD_PREFIX),
                                ":payment", AttributeValue.fromS(TableLayout.PAYMENT_PREFIX))))
                .items()
                .forEach(item -> {
                    String pk = item.get(TableLayout.PARTITION_KEY).s();
                    if (pk.startsWith(TableLayout.HOLD_PREFIX)) {
                        holdIds.add(pk.substring(TableLayout.HOLD_PREFIX.length()));
                    } else {
                        paymentIds.add(pk.substring(TableLayout.PAYMENT_PREFIX.length()));
                    }
                });
    }

    /** Every SOLD seat is paid for: its hold PAID, by a SUCCESS payment, and the hold has that seat. */
    private static void checkSeats(Event event, List<SeatItems.StoredSeat> stored, Map<String, StoredHold> holds,
                                   Map<String, Payment> payments, Instant now, List<Violation> violations) {
        for (SeatItems.StoredSeat seat : stored) {
            if (seat.status() != SeatStatus.SOLD) {
                continue;
            }
            String where = "seat " + seat.id() + " of event " + event.id() + " is SOLD";
            StoredHold hold = seat.holdId() == null ? null : holds.get(seat.holdId());
            if (hold == null) {
                violations.add(new Violation("seat-sold-without-payment", where + " but names no hold that exists ("
                        + seat.holdId() + ")"));
            } else if (hold.storedStatus() != HoldStatus.PAID) {
                violations.add(new Violation("seat-sold-without-payment", where + " but its hold " + hold.hold().id()
                        + " is " + hold.storedStatus()));
            } else if (!has(hold.hold(), seat.id().toString())) {
                violations.add(new Violation("seat-sold-without-payment", where + " by hold " + hold.hold().id()
                        + ", which does not have that seat"));
            } else if (!hold.comp()) { // a comp is given by the organiser: PAID without a payment
                Payment payment = hold.paymentId() == null ? null : payments.get(hold.paymentId());
                // a refunded sale keeps its seats SOLD once the event has started or was cancelled (nobody can buy them)
                boolean keptAfterRefund = payment != null && payment.status() == PaymentStatus.REFUNDED
                        && (event.status() == dev.ticketing.events.model.EventStatus.CANCELLED
                        || !event.date().isAfter(now));
                if (!keptAfterRefund && (payment == null || payment.status() != PaymentStatus.SUCCESS)) {
                    violations.add(new Violation("seat-sold-without-payment", where + " by hold " + hold.hold().id()
                            + " but its payment " + hold.paymentId() + " is "
                            + (payment == null ? "missing" : payment.status())));
                }
            }
        }
    }

    /** Live holds (ACTIVE and unexpired, or sold) never share a seat; an ACTIVE one has its seats RESERVED for it. */
    private static void checkLiveHolds(Event event, List<SeatItems.StoredSeat> stored, Map<String, StoredHold> holds,
                                       Map<String, Payment> payments, Instant now, List<Violation> violations) {
        Map<String, SeatItems.StoredSeat> seatsById = new HashMap<>();
        stored.forEach(seat -> seatsById.put(seat.id().toString(), seat));
        Map<String, String> liveHolder = new HashMap<>();
        for (StoredHold stored0 : holds.values()) {
            Hold hold = stored0.hold();
            if (!hold.eventId().equals(event.id())) {
                continue;
            }
            boolean active = stored0.storedStatus() == HoldStatus.ACTIVE && hold.expiresAt().isAfter(now);
            Payment payment = stored0.paymentId() == null ? null : payments.get(stored0.paymentId());
            boolean sold = stored0.storedStatus() == HoldStatus.PAID && (stored0.comp() || payment != null
                    && payment.status() == PaymentStatus.SUCCESS);
            if (!active && !sold) {
                continue; // ended, or paid and then refunded: its seats are free for others
            }
            for (HeldSeat held : hold.seats()) {
                String other = liveHolder.putIfAbsent(held.id(), hold.id());
                if (other != null) {
                    violations.add(new Violation("seat-in-two-holds", "seat " + held.id() + " of event " + event.id()
                            + " is in live holds " + other + " and " + hold.id()));
                }
                SeatItems.StoredSeat seat = seatsById.get(held.id());
                if (active && (seat == null || !seat.heldBy(hold.id())
                        || seat.expiresAtMillis() != hold.expiresAt().toEpochMilli())) {
                    violations.add(new Violation("active-hold-without-seat", "hold " + hold.id() + " is ACTIVE until "
                            + hold.expiresAt() + " but seat " + held.id() + " of event " + event.id() + " is "
                            + describe(seat)));
                }
            }
        }
    }

    /** The report's figures are the checker's own count of the seats and of the payments of their holds. */
    private void checkReport(Event event, List<SeatItems.StoredSeat> stored, Map<String, StoredHold> holds,
                             Map<String, Payment> payments, Instant now, List<Violation> violations) {
        long available = 0, held = 0, sold = 0, blocked = 0, comp = 0;
        BigDecimal gross = BigDecimal.ZERO, refunded = BigDecimal.ZERO;
        Set<String> counted = new HashSet<>();
        for (SeatItems.StoredSeat seat : stored) {
            switch (seat.status()) {
                case AVAILABLE -> available++;
                case RESERVED -> {
                    if (seat.expiresAtMillis() > now.toEpochMilli()) {
                        held++;
                    } else {
                        available++;
                    }
                }
                case BLOCKED -> blocked++;
                case SOLD -> {
                    StoredHold hold = seat.holdId() == null ? null : holds.get(seat.holdId());
                    if (hold != null && hold.comp()) {
                        comp++;
                        continue;
                    }
                    sold++;
                    Payment payment = hold == null || hold.paymentId() == null ? null : payments.get(hold.paymentId());
                    if (payment != null && counted.add(payment.id())) {
                        gross = gross.add(payment.amount());
                        refunded = refunded.add(payment.refundedAmount() != null ? payment.refundedAmount()
                                : payment.status() == PaymentStatus.REFUNDED ? payment.amount() : BigDecimal.ZERO);
                    }
                }
                default -> {
                }
            }
        }
        SalesReport report = reports.report(CHECKER, event.id());
        SalesReport.Seats counts = new SalesReport.Seats(available, held, sold, blocked, comp);
        if (!report.seats().equals(counts)) {
            violations.add(new Violation("report-differs-from-table", "event " + event.id() + ": the report counts "
                    + report.seats() + ", the table " + counts));
        }
        if (report.revenue().gross().compareTo(gross) != 0 || report.revenue().refunded().compareTo(refunded) != 0) {
            violations.add(new Violation("report-differs-from-table", "event " + event.id() + ": the report says gross "
                    + report.revenue().gross() + ", refunded " + report.revenue().refunded() + "; the payments of its sold"
                    + " seats' holds " + gross + ", " + refunded));
        }
    }

    /**
     * A cancelled event's counts: never more tickets refunded than its sold seats whose payment is REFUNDED; once every
     * page is done, exactly those, refunded and failed adding up to the tickets it had sold, and no hold left ACTIVE.
     */
    private void checkCancellation(Event event, List<SeatItems.StoredSeat> stored, Map<String, StoredHold> holds,
                                   Map<String, Payment> payments, Instant now, List<Violation> violations) {
        Cancellation progress = cancellations.details(event.id()).cancellation();
        long refundedSeats = stored.stream().filter(seat -> seat.status() == SeatStatus.SOLD && seat.holdId() != null)
                .map(seat -> holds.get(seat.holdId()))
                .filter(hold -> hold != null && hold.paymentId() != null && payments.get(hold.paymentId()) != null
                        && payments.get(hold.paymentId()).status() == PaymentStatus.REFUNDED)
                .count();
        String where = "event " + event.id() + " (cancelled)";
        if (progress.refunded() > refundedSeats) {
            violations.add(new Violation("cancellation-counts", where + " counts " + progress.refunded()
                    + " ticket(s) refunded but has " + refundedSeats + " sold seat(s) whose payment is REFUNDED"));
        }
        if (!progress.finished()) {
            return;
        }
        int tickets = progress.tickets();
        if (progress.refunded() < refundedSeats) {
            violations.add(new Violation("cancellation-counts", where + " is done and counts " + progress.refunded()
                    + " ticket(s) refunded but has " + refundedSeats + " sold seat(s) whose payment is REFUNDED"));
        }
        if (progress.refunded() + progress.failed() != tickets) {
            violations.add(new Violation("cancellation-counts", where + " is done with " + progress.refunded()
                    + " ticket(s) refunded and " + progress.failed() + " failed of the " + tickets + " it had sold"));
        }
        for (StoredHold hold : holds.values()) {
            if (!hold.hold().eventId().equals(event.id()) || hold.storedStatus() != HoldStatus.ACTIVE
                    || !hold.hold().expiresAt().isAfter(now)) {
                continue;
            }
            Payment payment = hold.paymentId() == null ? null : payments.get(hold.paymentId());
            if (payment != null && payment.pending() && payment.captureRequested()) {
                continue; // being captured: the payment flow ends it (the closed gate refuses its sale)
            }
            violations.add(new Violation("cancelled-event-active-hold", where + " is done but hold " + hold.hold().id()
                    + " is still ACTIVE until " + hold.hold().expiresAt()));
        }
    }

    /**
     * A SUCCESS payment sold its hold's seats and tickets; a FAILED one says why and kept no money; none gave back more
     * than it took.
     */
    private void checkPayment(Payment payment, Map<String, StoredHold> holds, List<Event> events, List<Violation> violations) {
        checkRefundedOnce(payment, holds.get(payment.holdId()), violations);
        if (payment.status() == PaymentStatus.FAILED) {
            if (payment.failureReason() == null || payment.failureReason().isBlank()) {
                violations.add(new Violation("failed-payment-without-reason", "payment " + payment.id() + " is FAILED without a reason"));
            }
            if (payment.captureId() != null && payment.refundId() == null) {
                violations.add(new Violation("failed-payment-kept-money", "payment " + payment.id() + " is FAILED but its capture "
                        + payment.captureId() + " was not refunded"));
            }
            return;
        }
        if (payment.status() != PaymentStatus.SUCCESS) {
            return;
        }
        String where = "payment " + payment.id() + " is SUCCESS";
        StoredHold hold = holds.get(payment.holdId());
        if (hold == null || hold.storedStatus() != HoldStatus.PAID || !payment.id().equals(hold.paymentId())) {
            violations.add(new Violation("payment-without-seats", where + " but its hold " + payment.holdId() + " is "
                    + (hold == null ? "missing" : hold.storedStatus() + " with payment " + hold.paymentId())));
            return;
        }
        Optional<Event> event = events.stream().filter(e -> e.id().equals(hold.hold().eventId())).findFirst();
        Map<String, SeatItems.StoredSeat> stored = new HashMap<>();
        event.ifPresent(e -> seats.read(e, hold.hold().seats().stream()
                        .map(seat -> new dev.ticketing.seats.model.SeatId(seat.row(), seat.column())).toList())
                .forEach((id, seat) -> stored.put(id.toString(), seat)));
        for (HeldSeat held : hold.hold().seats()) {
            SeatItems.StoredSeat seat = stored.get(held.id());
            if (seat == null || seat.status() != SeatStatus.SOLD || !hold.hold().id().equals(seat.holdId())) {
                violations.add(new Violation("payment-without-seats", where + " but seat " + held.id() + " of hold "
                        + hold.hold().id() + " is " + describe(seat)));
            }
        }
        for (Ticket ticket : hold.hold().tickets()) {
            if (ticket.status() != TicketStatus.PAID) {
                violations.add(new Violation("payment-without-seats", where + " but ticket " + ticket.id() + " of hold "
                        + hold.hold().id() + " is " + ticket.status()));
            }
        }
    }

    /** No payment is refunded twice: its refunds never add up to more than it took, and a REFUNDED one has no ticket left paid. */
    private static void checkRefundedOnce(Payment payment, StoredHold hold, List<Violation> violations) {
        if (payment.refundedAmount() != null && payment.refundedAmount().compareTo(payment.amount()) > 0) {
            violations.add(new Violation("payment-refunded-twice", "payment " + payment.id() + " of "
                    + payment.amount().toPlainString() + " " + payment.currency() + " records "
                    + payment.refundedAmount().toPlainString() + " " + payment.currency() + " refunded"));
        }
        if (payment.status() != PaymentStatus.REFUNDED || hold == null) {
            return;
        }
        for (Ticket ticket : hold.hold().tickets()) {
            if ((ticket.paymentId() == null || payment.id().equals(ticket.paymentId())) && ticket.status() == TicketStatus.PAID) {
                violations.add(new Violation("payment-refunded-twice", "payment " + payment.id() + " is REFUNDED but its ticket "
                        + ticket.id() + " of hold " + hold.hold().id() + " is still PAID"));
            }
        }
    }

    private static boolean has(Hold hold, String seatId) {
        return hold.seats().stream().anyMatch(seat -> seat.id().equals(seatId));
    }

    private static String describe(SeatItems.StoredSeat seat) {
        if (seat == null) {
            return "missing";
        }
        return seat.status() + (seat.holdId() == null ? "" : " for hold " + seat.holdId())
                + (seat.status() == SeatStatus.RESERVED ? " until " + Instant.ofEpochMilli(seat.expiresAtMillis()) : "");
    }
}
