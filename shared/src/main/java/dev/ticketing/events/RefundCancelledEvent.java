package dev.ticketing.events;

import dev.ticketing.events.items.CancellationItems;
import dev.ticketing.events.items.EventItems;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.holds.ReleaseHold;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.payments.PaymentRules;
import dev.ticketing.payments.RefundSale;
import dev.ticketing.payments.ReleaseCheckout;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.TicketStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of a cancellation ({@link CancelEvent}), one bounded step per queue message, each safe to repeat and to
 * stop anywhere (a crash, a {@code kill -9}: the queue delivers the step again):
 * <ul>
 *   <li>the start counts the tickets the event had sold (recorded once, before any refund: the sales gates closed in
 *       the cancel's transaction, so no sale comes after; comps left out, they took no money) and queues one step per
 *       page of the hall;</li>
 *   <li>a page (whole rows, at most {@link #PAGE_SEATS} seats or one row) reads its seats and, for each hold found on
 *       them: a hold with a payment in flight has it FAILED before any money is taken and its order released at the
 *       provider ({@link ReleaseCheckout}: a card authorization voided, a PayPal order never captured; when the capture has already
 *       been asked for, the sale is refused by the gate and the payment flow gives the money back), and the hold ends
 *       RELEASED, its tickets CANCELLED; a sold hold's payment is refunded through its provider ({@link RefundSale}:
 *       one refund request id per payment, a conditional SUCCESS -> REFUNDED); a comp's tickets end CANCELLED with
 *       nothing refunded. Then the page records its counts once
 *       ({@link CancellationItems}); a refund the provider refuses for good is recorded with its reason and counted
 *       failed; one it cannot answer now makes the step fail, to come again after the queue's visibility timeout.</li>
 * </ul>
 * A cancelled event's sold seats stay SOLD (the record of what was refunded), so a payment over two pages is counted
 * seat by seat in each.
 */
@Singleton
public class RefundCancelledEvent {
    /** The most seats a page has (unless one row has more). */
    public static final int PAGE_SEATS = 50;
    /** How an organiser's cancellation is named on a refunded payment. */
    static final String REFUND_REASON = "event cancelled";
    private static final Logger LOG = LoggerFactory.getLogger(RefundCancelledEvent.class);

    private final Table table;
    private final EventReader events;
    private final SeatBatches seats;
    private final HoldReader holds;
    private final PaymentReader payments;
    private final ReleaseCheckout checkouts;
    private final RefundSale refunds;
    private final ReleaseHold releaser;
    private final CancellationWork work;
    private final Clock clock;

    public RefundCancelledEvent(Table table, EventReader events, SeatBatches seats, HoldReader holds,
                                PaymentReader payments, ReleaseCheckout checkouts, RefundSale refunds,
                                ReleaseHold releaser, CancellationWork work, Clock clock) {
        this.table = table;
        this.events = events;
        this.seats = seats;
        this.holds = holds;
        this.payments = payments;
        this.checkouts = checkouts;
        this.refunds = refunds;
        this.releaser = releaser;
        this.work = work;
        this.clock = clock;
    }

    /** What a page did: tickets refunded and failed, holds ended, payments in flight ended. */
    public record PageReport(int refunded, int failed, int holdsEnded, int paymentsEnded, boolean repeated) {
    }

    /** The pages of the event's hall, in row order: the steps that follow its start. */
    public static List<CancellationStep> pages(Event event) {
        int rowsPerPage = Math.max(1, PAGE_SEATS / event.columns());
        List<CancellationStep> pages = new ArrayList<>();
        for (int from = 1; from <= event.rows(); from += rowsPerPage) {
            pages.add(new CancellationStep(event.id(), from, Math.min(event.rows(), from + rowsPerPage - 1)));
        }
        return pages;
    }

    /**
     * Does the step; returning normally means it is done (a step of an event that is not cancelled is dropped).
     *
     * @throws RuntimeException it could not be done now (a provider or the table not answering): do it again later
     */
    public void handle(CancellationStep step) {
        Event event = events.current(step.eventId()).orElse(null);
        if (event == null || event.status() != EventStatus.CANCELLED) {
            LOG.warn("cancellation step {} names event {}, which is not cancelled; dropped", step, step.eventId());
            return;
        }
        if (step.isStart()) {
            start(event);
        } else {
            page(event, step.fromRow(), step.toRow());
        }
    }

    private void start(Event event) {
        // Comps are left out: they took no money, so there is nothing to refund (their tickets end with the event).
        long[] sold = {0};
        seats.forEachBlock(event, block -> sold[0] += block.stream()
                .filter(seat -> seat.status() == SeatStatus.SOLD && !seat.comp()).count());
        table.writeAlone(new EventItems(table).countCancelledTickets(event.id(), Math.toIntExact(sold[0])));
        List<CancellationStep> pages = pages(event);
        work.send(pages);
        LOG.info("event {} cancelled: {} ticket(s) sold, {} page(s) queued", event.id(), sold[0], pages.size());
    }

    /** One page of the hall: its holds ended, its sales refunded, its counts recorded once. */
    PageReport page(Event event, int fromRow, int toRow) {
        CancellationItems items = new CancellationItems(table);
        if (items.pageDone(event.id(), fromRow)) {
            return new PageReport(0, 0, 0, 0, true);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<SeatItems.StoredSeat> found = read(event, fromRow, toRow);
        Set<String> holdIds = new LinkedHashSet<>();
        found.stream().filter(seat -> seat.holdId() != null
                        && (seat.status() == SeatStatus.RESERVED || seat.status() == SeatStatus.SOLD))
                .forEach(seat -> holdIds.add(seat.holdId()));
        Map<String, RefundSale.Outcome> sales = new LinkedHashMap<>();
        int holdsEnded = 0;
        int paymentsEnded = 0;
        for (String holdId : holdIds) {
            StoredHold stored = holds.load(holdId).orElse(null);
            if (stored == null) {
                continue;
            }
            if (stored.storedStatus() == HoldStatus.PAID && stored.comp()) {
                cancelComp(event.id(), holdId, now); // a comp took no money: nothing to refund, not counted among the tickets sold
            } else if (stored.storedStatus() == HoldStatus.PAID) {
                RefundSale.Outcome outcome = refunds.refund(stored.paymentId(), REFUND_REASON);
                if (!outcome.refunded()) {
                    items.recordFailure(event.id(), stored.paymentId(), outcome.refusal(), now);
                }
                sales.put(holdId, outcome);
            } else if (stored.storedStatus() == HoldStatus.ACTIVE) {
                if (stored.paymentId() != null && endPaymentInFlight(stored.paymentId())) {
                    paymentsEnded++;
                }
                if (endHold(holdId)) {
                    holdsEnded++;
                }
            }
        }
        int refunded = 0;
        int failed = 0;
        for (SeatItems.StoredSeat seat : found) {
            RefundSale.Outcome outcome = seat.status() == SeatStatus.SOLD ? sales.get(seat.holdId()) : null;
            if (outcome != null) {
                if (outcome.refunded()) {
                    refunded++;
                } else {
                    failed++;
                }
            }
        }
        boolean first = items.recordPage(event.id(), fromRow, refunded, failed, now);
        LOG.info("event {} rows {}-{}: {} ticket(s) refunded, {} failed, {} hold(s) ended, {} payment(s) in flight ended{}",
                event.id(), fromRow, toRow, refunded, failed, holdsEnded, paymentsEnded, first ? "" : " (a repeat)");
        return new PageReport(refunded, failed, holdsEnded, paymentsEnded, !first);
    }

    /**
     * A payment in flight ends FAILED before any money is taken, if we have not asked for its capture yet, and its
     * order is released at the provider at once (a card authorization the buyer gave is voided; a PayPal order is
     * never captured); true when this call ended it. One whose capture was asked for is left to the payment flow: its
     * sale is refused by the closed gate and its money given back there.
     */
    private boolean endPaymentInFlight(String paymentId) {
        Payment payment = payments.get(paymentId);
        if (!PaymentRules.buyerMayCancel(payment)) {
            return false;
        }
        return checkouts.failInFlight(payment, PaymentFailure.SALES_CLOSED, PaymentRules.EVENT_CANCELLED_NOT_CAPTURED);
    }

    /** The comp's tickets end CANCELLED (their codes revoked); each write is conditional, so a repeated page is harmless. */
    private void cancelComp(String eventId, String holdId, Instant now) {
        TicketItems tickets = new TicketItems(table);
        table.client().queryPaginator(tickets.holdQuery(holdId)).items().stream()
                .filter(TicketItems::isTicket)
                .map(TicketItems::ticketOf)
                .filter(ticket -> ticket.status() == TicketStatus.PAID && ticket.paymentId() == null)
                .forEach(ticket -> table.writeAlone(tickets.cancelComp(eventId, holdId, ticket.id(), now)));
    }

    /** Ends the hold RELEASED unless a payment is still being captured for it; true when this call ended it. */
    private boolean endHold(String holdId) {
        StoredHold stored = holds.load(holdId).orElseThrow();
        if (!stored.open() || stored.paymentId() != null) {
            return false;
        }
        return releaser.end(holdId, HoldStatus.RELEASED);
    }

    private List<SeatItems.StoredSeat> read(Event event, int fromRow, int toRow) {
        List<SeatId> ids = new ArrayList<>();
        for (int row = fromRow; row <= toRow; row++) {
            ids.addAll(event.layout().seatsOf(row));
        }
        List<SeatItems.StoredSeat> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 100) {
            found.addAll(seats.read(event, ids.subList(from, Math.min(ids.size(), from + 100))).values());
        }
        return found;
    }
}
