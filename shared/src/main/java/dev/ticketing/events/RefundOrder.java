package dev.ticketing.events;

import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.PaymentWrites;
import dev.ticketing.payments.RefundSale;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.RefundOutcome;
import dev.ticketing.problems.BadGatewayException;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /payments/{id}/refund} (issue 21, item 3): the event's organiser gives back the money of a sale, all
 * of it or some of its tickets. First the provider's refund of those tickets' prices (the whole payment's amount when
 * they are all its tickets), with a request id made of the payment id and the sorted ticket ids, so a repeat gets the
 * same refund back, never a second one; the whole payment's request id is {@link Payment#refundRequestId}, the one
 * {@link RefundSale} uses for an event's cancellation, so the two never both take the money back. Then ONE
 * conditional transaction ({@link PaymentWrites#refundTickets}): the tickets CANCELLED with their codes revoked, their
 * seats back on sale if the event has not started, the payment's refunded amount raised (never above what was paid),
 * REFUNDED when no ticket is left, and the audit entry ({@link AuditAction#REFUND}).
 */
@Singleton
public class RefundOrder {
    private static final Logger LOG = LoggerFactory.getLogger(RefundOrder.class);

    private final PaymentReader payments;
    private final HoldReader holds;
    private final EventReader events;
    private final PaymentWrites writes;
    private final PaymentGateways gateways;
    private final AuditItems audit;
    private final Clock clock;

    public RefundOrder(Table table, PaymentReader payments, HoldReader holds, EventReader events, PaymentWrites writes,
                       PaymentGateways gateways, Clock clock) {
        this.payments = payments;
        this.holds = holds;
        this.events = events;
        this.writes = writes;
        this.gateways = gateways;
        this.audit = new AuditItems(table);
        this.clock = clock;
    }

    /**
     * Refunds {@code ticketIds} of payment {@code paymentId} (null or empty: every ticket not refunded yet) for
     * {@code caller}, and returns the payment as it is then. A repeat of a refund that was made answers the same and
     * moves no money. 404: no such payment; 403: the caller may not organise its event ({@link EventOrganisers});
     * 400: a ticket id that is not one of this payment's tickets, or given twice; 409 {@code payment-not-sold}: the
     * payment is not a sale; 409 {@code tickets-not-refundable}: a ticket was refunded (or cancelled) before, named
     * in {@code ticketIds}; 502: the provider refused the refund; 503: the provider cannot be asked now (repeat the
     * call). Each refusal changes nothing here.
     */
    public Payment refund(Caller caller, String paymentId, List<String> ticketIds) {
        Payment payment = payments.find(paymentId)
                .orElseThrow(() -> new NotFoundException("Payment " + Ids.quoted(paymentId) + " does not exist"));
        Event event = events.current(payment.eventId()).orElseThrow();
        EventOrganisers.require(caller, event);
        if (payment.status() != PaymentStatus.SUCCESS && payment.status() != PaymentStatus.REFUNDED) {
            throw new ConflictException("payment-not-sold", "Payment not sold", "Payment " + paymentId + " is "
                    + payment.status() + ", not a sale", Map.of("paymentId", paymentId));
        }
        Hold hold = holds.load(payment.holdId()).orElseThrow().hold();
        List<Ticket> sold = hold.tickets().stream().filter(ticket -> paymentId.equals(ticket.paymentId())).toList();
        List<Ticket> paid = sold.stream().filter(ticket -> ticket.status() == TicketStatus.PAID).toList();
        boolean everyTicket = ticketIds == null || ticketIds.isEmpty();
        if (everyTicket && paid.isEmpty()) {
            return payment;
        }
        List<Ticket> requested = everyTicket ? paid : requested(sold, ticketIds);
        boolean allOfIt = requested.size() == sold.size();
        String requestId = allOfIt ? payment.refundRequestId() : requestId(paymentId, requested);
        if (payments.refundRequests(paymentId).contains(requestId)) {
            return payment;
        }
        List<String> refunded = requested.stream().filter(ticket -> ticket.status() != TicketStatus.PAID)
                .map(Ticket::id).toList();
        if (!refunded.isEmpty()) {
            throw new ConflictException("tickets-not-refundable", "Tickets already refunded",
                    "Ticket(s) " + String.join(", ", refunded) + " of payment " + paymentId
                            + " are no longer paid: refunded or cancelled before", Map.of("ticketIds", refunded));
        }
        BigDecimal previous = payment.refundedAmount();
        // every ticket, none refunded before (any other refund made one no longer PAID): all that was paid
        BigDecimal amount = allOfIt ? payment.amount()
                : requested.stream().map(ticket -> priceOf(ticket, hold)).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = previous == null ? amount : previous.add(amount);
        if (total.compareTo(payment.amount()) > 0) {
            throw new ConflictException("refund-exceeds-payment", "Refund exceeds payment", "Refunding " + amount
                    + " " + payment.currency() + " more would give back more than payment " + paymentId + " took",
                    Map.of("paymentId", paymentId));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RefundOutcome refund = refundAtProvider(payment, amount, requestId);
        boolean whole = requested.size() == paid.size();
        String reason = "refund by the organiser";
        String summary = "refunded " + requested.size() + " ticket(s) of payment " + paymentId + ": " + amount.toPlainString()
                + " " + payment.currency();
        var entry = audit.record(AuditEntry.of(event.id(), now, caller.userId(), AuditAction.REFUND, summary,
                state(payment.status(), previous, requested, TicketStatus.PAID),
                state(whole ? PaymentStatus.REFUNDED : PaymentStatus.SUCCESS, total, requested, TicketStatus.CANCELLED)));
        if (!writes.refundTickets(payment, requested, previous, total, whole, requestId, refund.refundId(), reason,
                entry, now)) {
            return raced(paymentId, requested, requestId);
        }
        LOG.info("payment {}: {} ticket(s) refunded by {} ({} {}), refund {}", paymentId, requested.size(),
                caller.userId(), amount.toPlainString(), payment.currency(), refund.refundId());
        return payments.get(paymentId);
    }

    /** The provider request id of a refund of some tickets: the same for the same tickets, in any order. */
    static String requestId(String paymentId, List<Ticket> tickets) {
        String sortedIds = String.join(",", tickets.stream().map(Ticket::id).sorted().toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sortedIds.getBytes(StandardCharsets.UTF_8));
            // PayPal takes request ids of up to 108 characters: the payment id and 128 bits of the tickets' digest
            return "refund-" + paymentId + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static List<Ticket> requested(List<Ticket> sold, List<String> ticketIds) {
        Set<String> unique = new LinkedHashSet<>(ticketIds);
        if (unique.size() != ticketIds.size() || unique.contains(null)) {
            throw new InvalidRequestException("ticketIds must name each ticket once", Map.of("ticketIds", ticketIds));
        }
        List<String> unknown = unique.stream().filter(id -> sold.stream().noneMatch(ticket -> ticket.id().equals(id)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("Ticket(s) " + String.join(", ", unknown.stream().map(Ids::quoted).toList())
                    + " are not tickets of this payment", Map.of("ticketIds", unknown));
        }
        return sold.stream().filter(ticket -> unique.contains(ticket.id())).toList();
    }

    /** What the ticket cost in its purchase; tickets stored before they carried a price take their hold's. */
    private static BigDecimal priceOf(Ticket ticket, Hold hold) {
        if (ticket.price() != null) {
            return ticket.price();
        }
        return hold.seats().stream().filter(seat -> seat.id().equals(ticket.seatId())).map(HeldSeat::price)
                .findFirst().orElseThrow();
    }

    private RefundOutcome refundAtProvider(Payment payment, BigDecimal amount, String requestId) {
        PaymentGateway gateway = gateways.find(payment.provider()).orElseThrow(() -> new ConflictException(
                "provider-not-configured", "Provider not configured", payment.provider()
                + " is not configured here; refund the payment at the provider", Map.of("paymentId", payment.id())));
        try {
            return gateway.refund(payment.captureId(), amount, payment.currency(), requestId);
        } catch (PaymentProviderException e) {
            if (e.retryable()) {
                throw new ServiceUnavailableException(gateway.displayName() + " cannot be asked now; repeat the refund: "
                        + "it will not be made twice");
            }
            LOG.warn("{} refused to refund payment {}: {}", payment.provider(), payment.id(), e.getMessage());
            throw new BadGatewayException(gateway.displayName() + " refused the refund: " + e.getMessage());
        }
    }

    /**
     * The transaction was refused after the provider's refund: answer the payment when the refund is recorded (a
     * concurrent repeat, or the provider's own report of a refund of every ticket), else ask for a repeat, which gets
     * the same refund back from the provider.
     */
    private Payment raced(String paymentId, List<Ticket> requested, String requestId) {
        Payment now = payments.get(paymentId);
        boolean recorded = payments.refundRequests(paymentId).contains(requestId)
                || now.status() == PaymentStatus.REFUNDED && holds.load(now.holdId()).orElseThrow().hold().tickets()
                .stream().filter(ticket -> requested.stream().anyMatch(r -> r.id().equals(ticket.id())))
                .allMatch(ticket -> ticket.status() == TicketStatus.CANCELLED);
        if (recorded) {
            return now;
        }
        throw new ConflictException("payment-changed", "Payment changed", "Payment " + paymentId
                + " changed during its refund; repeat the call: the refund will not be made twice", Map.of());
    }

    /** The audit entry's state: the payment's status and refunded amount, and each refunded ticket's status. */
    private static Map<String, Object> state(PaymentStatus status, BigDecimal refunded, List<Ticket> tickets,
                                             TicketStatus ticketStatus) {
        Map<String, Object> ticketStates = new LinkedHashMap<>();
        tickets.forEach(ticket -> ticketStates.put(ticket.id(), ticketStatus.name()));
        return Map.of("paymentStatus", status.name(), "refundedAmount", refunded == null ? "0" : refunded.toPlainString(),
                "tickets", ticketStates);
    }
}
