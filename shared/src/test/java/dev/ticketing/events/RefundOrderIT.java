package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.audit.ListAuditEntries;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An organiser's refund of an order ({@link RefundOrder}) against DynamoDB Local with a stand-in provider: the whole
 * payment or some of its tickets, each refunded once at the provider however often it is asked; the tickets
 * CANCELLED, their seats on sale again while the event has not started, the refunded amount never above what was paid,
 * the action in the audit trail; refusals change nothing.
 */
class RefundOrderIT {
    private static final Caller ORGANISER = new Caller("boss", true);

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final RefundOrder refunds = office.bean(RefundOrder.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);
    private final HoldReader holds = office.bean(HoldReader.class);

    @Test
    void aWholeRefundGivesAllTheMoneyBackOnceCancelsTheTicketsAndPutsTheSeatsBackOnSale() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.sell(hold);

        Payment refunded = refunds.refund(ORGANISER, payment.id(), null);
        Payment again = refunds.refund(ORGANISER, payment.id(), null);

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refundedAmount()).isEqualByComparingTo("40.00");
        assertThat(again.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(office.provider.refunds()).as("one refund, of the whole payment").containsOnlyKeys(payment.refundRequestId());
        assertThat(refunded.refundId()).isEqualTo(office.provider.refunds().get(payment.refundRequestId()).refundId());
        assertThat(tickets(hold)).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "AVAILABLE by null"));
        assertThat(office.hold("bob", event, "1-1", "1-2").status()).isEqualTo(HoldStatus.ACTIVE);
        List<AuditEntry> entries = audit(event);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).action()).isEqualTo(AuditAction.REFUND);
        assertThat(entries.get(0).actor()).isEqualTo("boss");
        assertThat(entries.get(0).summary()).contains("2 ticket(s)", "40.00 EUR");
    }

    @Test
    void aPartialRefundGivesBackThoseTicketsOnceAndTheLastOneMakesThePaymentRefunded() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1", "1-2");
        Payment payment = office.sell(hold);
        String first = ticketOf(hold, "1-1");
        String second = ticketOf(hold, "1-2");

        Payment partly = refunds.refund(ORGANISER, payment.id(), List.of(first));
        Payment repeat = refunds.refund(ORGANISER, payment.id(), List.of(first));

        assertThat(partly.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(partly.refundedAmount()).isEqualByComparingTo("20.00");
        assertThat(repeat.refundedAmount()).as("a repeat moves no money").isEqualByComparingTo("20.00");
        assertThat(office.provider.refunds()).hasSize(1);
        assertThat(ticketStatuses(hold)).containsOnly(Map.entry(first, TicketStatus.CANCELLED),
                Map.entry(second, TicketStatus.PAID));
        assertThat(office.seatStates(event, "1-1", "1-2")).containsOnly(Map.entry("1-1", "AVAILABLE by null"),
                Map.entry("1-2", "SOLD by " + hold.id()));

        assertThatThrownBy(() -> refunds.refund(ORGANISER, payment.id(), List.of(second, first)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(first);
        assertThat(payments.get(payment.id()).refundedAmount()).isEqualByComparingTo("20.00");
        assertThat(office.provider.refunds()).as("a refused refund moves no money").hasSize(1);

        Payment rest = refunds.refund(ORGANISER, payment.id(), null);

        assertThat(rest.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(rest.refundedAmount()).isEqualByComparingTo("40.00");
        assertThat(office.provider.refunds()).hasSize(2);
        assertThat(tickets(hold)).containsOnly(TicketStatus.CANCELLED);
        assertThat(refunds.refund(ORGANISER, payment.id(), List.of(first)).status())
                .as("the first refund, repeated late, answers the same").isEqualTo(PaymentStatus.REFUNDED);
        assertThat(office.provider.refunds()).hasSize(2);
        assertThat(audit(event)).extracting(AuditEntry::action).containsOnly(AuditAction.REFUND).hasSize(2);
    }

    @Test
    void afterTheEventStartedTheRefundedSeatsStaySold() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Payment payment = office.sell(hold);
        office.clock().advance(Duration.between(office.clock().instant(), event.date()).plusHours(1));

        assertThat(refunds.refund(ORGANISER, payment.id(), null).status()).isEqualTo(PaymentStatus.REFUNDED);

        assertThat(tickets(hold)).containsOnly(TicketStatus.CANCELLED);
        assertThat(office.seatStates(event, "1-1")).containsEntry("1-1", "SOLD by " + hold.id());
    }

    @Test
    void anotherPaymentsTicketOrSomeoneWhoDoesNotOrganiseTheEventIsRefusedAndNothingChanges() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Hold other = office.hold("bob", event, "1-2");
        Payment payment = office.sell(hold);
        office.sell(other);

        assertThatThrownBy(() -> refunds.refund(ORGANISER, payment.id(), List.of(other.tickets().get(0).id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(other.tickets().get(0).id());
        assertThatThrownBy(() -> refunds.refund(new Caller("alice", false), payment.id(), null))
                .isInstanceOf(ForbiddenException.class);

        assertThat(payments.get(payment.id()).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(office.provider.refunds()).isEmpty();
        office.assertSold(hold, event, "1-1");
        assertThat(audit(event)).isEmpty();
    }

    private static String ticketOf(Hold hold, String seatId) {
        return hold.tickets().stream().filter(ticket -> ticket.seatId().equals(seatId)).findFirst().orElseThrow().id();
    }

    private Map<String, TicketStatus> ticketStatuses(Hold hold) {
        return holds.load(hold.id()).orElseThrow().hold().tickets().stream()
                .collect(Collectors.toMap(Ticket::id, Ticket::status));
    }

    private List<TicketStatus> tickets(Hold hold) {
        return holds.load(hold.id()).orElseThrow().hold().tickets().stream().map(Ticket::status).toList();
    }

    private List<AuditEntry> audit(Event event) {
        return office.bean(ListAuditEntries.class).page(ORGANISER, event.id(), 100, null).items();
    }
}
