package dev.ticketing.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.admission.keys.TicketCodes;
import dev.ticketing.admission.model.Admitted;
import dev.ticketing.admission.model.CheckInRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.ReadOrders;
import dev.ticketing.orders.items.OrderReader;
import dev.ticketing.orders.model.Order;
import dev.ticketing.orders.model.OrderStatus;
import dev.ticketing.payments.PaymentWrites;
import dev.ticketing.payments.SellHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.GoneException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.problems.TooManyRequestsException;
import dev.ticketing.store.Table;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.tickets.model.TicketStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check-in against DynamoDB Local: a sold ticket's code admits it exactly once (also when devices race), a retry of
 * the admitting scan answers the same, a refund revokes the code, and unknown codes are counted and limited.
 */
class CheckInIT {
    private static final Caller DOOR = new Caller("door-1", Set.of(Caller.Role.STAFF));

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final CheckIn checkIn = office.bean(CheckIn.class);
    private final ReadOrders orders = office.bean(ReadOrders.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);

    @Test
    void aSoldTicketIsAdmittedOnceAndTheSecondScanSaysWhenAndWhere() {
        Sold sold = sell("ana", "1-2");

        Admitted admitted = checkIn.admit(DOOR, sold.event.id(), scan(sold.code(0), "gate-1", "s1"));

        assertThat(admitted.seatId()).isEqualTo("1-2");
        assertThat(admitted.label()).isEqualTo("Row 1, Seat 2");
        assertThat(admitted.orderCode()).isEqualTo(sold.order.code());
        assertThatThrownBy(() -> checkIn.admit(DOOR, sold.event.id(), scan(sold.code(0), "gate-2", "s2")))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> {
                    assertThat(conflict.type()).isEqualTo("already-admitted");
                    assertThat(conflict.extensions()).containsEntry("deviceId", "gate-1")
                            .containsEntry("admittedAt", dev.ticketing.input.Instants.text(admitted.admittedAt()));
                });
        assertThat(checkIn.admit(DOOR, sold.event.id(), scan(sold.code(0), "gate-1", "s1"))).as("the same scan again")
                .isEqualTo(admitted);
        assertThat(orders.byCode(DOOR, sold.order.code()).tickets().get(0).admittedAt()).isEqualTo(admitted.admittedAt());
    }

    @Test
    void ofManyDevicesScanningOneTicketAtOnceExactlyOneAdmitsIt() throws Exception {
        Sold sold = sell("ben", "1-3");
        int devices = 8;
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String device = "gate-" + i;
                Callable<String> attempt = () -> {
                    go.await();
                    try {
                        checkIn.admit(DOOR, sold.event.id(), scan(sold.code(0), device, "scan-" + device));
                        return "admitted";
                    } catch (TicketingException refused) {
                        return refused.type();
                    }
                };
                outcomes.add(pool.submit(attempt));
            }
            go.countDown();
            List<String> answers = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                answers.add(outcome.get());
            }
            assertThat(answers).filteredOn("admitted"::equals).hasSize(1);
            assertThat(answers).filteredOn("already-admitted"::equals).hasSize(devices - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefundRevokesTheCodeAndTheOrderReadsRefunded() {
        Sold sold = sell("cleo", "1-4");
        Hold hold = office.bean(HoldReader.class).load(sold.payment.holdId()).orElseThrow().hold();
        assertThat(office.bean(PaymentWrites.class).refunded(payments.get(sold.payment.id()), hold,
                sold.payment.amount(), "refund", office.now())).isTrue();

        assertThatThrownBy(() -> checkIn.admit(DOOR, sold.event.id(), scan(sold.code(0), "gate-1", "s1")))
                .isInstanceOfSatisfying(GoneException.class, gone -> assertThat(gone.status()).isEqualTo(410));
        Order order = orders.byCode(new Caller("cleo", false), sold.order.code());
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.tickets().get(0).status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(order.tickets().get(0).code()).isNull();
    }

    @Test
    void anotherEventsTicketIsRefusedAndForgedCodesAreUnknownAndLimited() {
        Sold sold = sell("dora", "1-1");
        Event elsewhere = office.newEvent(1, 2);
        assertThatThrownBy(() -> checkIn.admit(DOOR, elsewhere.id(), scan(sold.code(0), "gate-1", "s1")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("another event");

        CheckIn limited = new CheckIn(office.bean(Table.class), office.bean(TicketCodes.class),
                office.bean(OrderReader.class), office.bean(dev.ticketing.events.items.EventReader.class),
                office.bean(Clock.class), 3);
        for (int i = 0; i < 3; i++) {
            String guess = "guess-" + i;
            assertThatThrownBy(() -> limited.admit(DOOR, sold.event.id(), scan(guess, "gate-1", guess)))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> limited.admit(DOOR, sold.event.id(), scan("guess-4", "gate-1", "g4")))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(limited.admit(DOOR, sold.event.id(), scan(sold.code(0), "gate-1", "s2")).seatId())
                .as("a valid code still admits").isEqualTo("1-1");
        assertThatThrownBy(() -> checkIn.admit(new Caller("dora", false), sold.event.id(), scan(sold.code(0), "x", "y")))
                .hasMessageContaining("Only staff");
    }

    private static CheckInRequest scan(String code, String device, String scanId) {
        return new CheckInRequest(code, device, scanId);
    }

    private record Sold(Event event, Payment payment, Order order) {
        String code(int ticket) {
            return order.tickets().get(ticket).code();
        }
    }

    private Sold sell(String user, String... seats) {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold(user, event, seats);
        Payment payment = office.startPayment(hold);
        assertThat(office.bean(SellHold.class).sell(payments.get(payment.id()), "CAPTURE-" + payment.id()).outcome())
                .isEqualTo(SellHold.Outcome.SOLD);
        String code = payments.get(payment.id()).orderCode();
        return new Sold(event, payment, orders.byCode(new Caller(user, false), code));
    }
}
