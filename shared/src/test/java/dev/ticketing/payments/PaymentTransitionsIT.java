package dev.ticketing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.CheckoutSession;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.testing.DataLayer;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.store.Transaction.Role;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A payment's storage transitions against DynamoDB Local, without HTTP or a provider: attach to the hold (with
 * tickets linked), the provider order link, capture requested, fail and detach; with each way the checkout
 * transaction can be cancelled. The sale is {@code SellHoldIT}'s.
 */
class PaymentTransitionsIT {
    private static DataLayer store;
    private static PaymentWrites writes;
    private static PaymentReader payments;
    private static HoldReader holds;

    @BeforeAll
    static void start() {
        store = new DataLayer();
        writes = store.bean(PaymentWrites.class);
        payments = store.bean(PaymentReader.class);
        holds = store.bean(HoldReader.class);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void startingAPaymentAttachesItToTheHoldAndLinksEveryTicket() {
        Hold hold = hold("alice", store.newEvent(1, 4), "1-1", "1-2");
        Payment payment = newPayment(hold);

        assertThat(writes.create(payment, stored(hold), now(), Optional.empty()).committed()).isTrue();

        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.paymentId()).isEqualTo(payment.id());
        assertThat(stored.hold().tickets()).extracting(Ticket::paymentId).containsOnly(payment.id());
        assertThat(payments.get(payment.id()).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void startingAPaymentExtendsTheHoldItsSeatsAndItsSlotOnceByTheGrace() {
        Event event = store.newEvent(1, 4);
        Hold hold = hold("jane", event, "1-1");
        Payment first = newPayment(hold);
        writes.create(first, stored(hold), now(), Optional.empty());
        Instant extended = hold.expiresAt().plus(PaymentTiming.DEFAULTS.paymentGrace());

        assertThat(holds.find(hold.id()).orElseThrow().expiresAt()).isEqualTo(extended);
        assertThat(store.bean(SeatBatches.class).read(event, List.of(new SeatId(1, 1))).get(new SeatId(1, 1)).expiresAtMillis())
                .isEqualTo(extended.toEpochMilli());
        store.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(holds.find(hold.id()).orElseThrow().status()).as("still the buyer's while they pay").isEqualTo(HoldStatus.ACTIVE);
        assertThatThrownBy(() -> store.bean(ActiveHoldGuard.class).slotFor("jane", event.id(), store.clock.instant()))
                .as("the slot stays taken").isInstanceOf(ConflictException.class);

        // a restarted payment does not extend it again
        writes.fail(first, PaymentFailure.CANCELLED, "cancelled", now(), true);
        writes.create(newPayment(hold), stored(hold), now(), Optional.empty());
        assertThat(holds.find(hold.id()).orElseThrow().expiresAt()).isEqualTo(extended);
    }

    @Test
    void aSecondPaymentForTheSameHoldIsRefusedByTheHold() {
        Hold hold = hold("bob", store.newEvent(1, 4), "1-1");
        writes.create(newPayment(hold), stored(hold), now(), Optional.empty());

        TransactionResult second = writes.create(newPayment(hold), stored(hold), now(), Optional.empty());

        assertThat(second.committed()).isFalse();
        assertThat(second.contested(Role.HOLD)).isTrue();
        assertThat(second.contested(Role.PAYMENT)).isFalse();
    }

    @Test
    void aPaymentForAnExpiredHoldIsRefusedByTheHold() {
        Hold hold = hold("carol", store.newEvent(1, 4), "1-1");
        store.clock.advance(Duration.ofMinutes(10));

        TransactionResult late = writes.create(newPayment(hold), stored(hold), now(), Optional.empty());

        assertThat(late.contested(Role.HOLD)).isTrue();
    }

    @Test
    void theProviderOrderIsAttachedOnceAndFindsItsPayment() {
        Hold hold = hold("dave", store.newEvent(1, 4), "1-1");
        Payment payment = newPayment(hold);
        writes.create(payment, stored(hold), now(), Optional.empty());
        CheckoutSession session = new CheckoutSession("ORDER-" + payment.id(), URI.create("https://pay.example/approve"));

        assertThat(writes.attachOrder(payment, session, now())).isTrue();
        assertThat(writes.attachOrder(payment, new CheckoutSession("ORDER-2", session.approvalUrl()), now())).isFalse();

        assertThat(payments.findByOrder(PaymentProvider.PAYPAL, session.orderId()).orElseThrow().id()).isEqualTo(payment.id());
        assertThat(payments.findByOrder(PaymentProvider.PAYPAL, "ORDER-2")).isEmpty();
    }

    @Test
    void failingAPaymentDetachesItSoTheHoldCanBePaidAgain() {
        Hold hold = hold("erin", store.newEvent(1, 4), "1-1");
        Payment first = newPayment(hold);
        writes.create(first, stored(hold), now(), Optional.empty());

        assertThat(writes.fail(first, PaymentFailure.CANCELLED, "cancelled", now(), true)).isTrue();

        assertThat(payments.get(first.id()).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(holds.load(hold.id()).orElseThrow().paymentId()).isNull();
        assertThat(writes.fail(first, PaymentFailure.CANCELLED, "cancelled", now(), true)).as("only once").isFalse();
        assertThat(writes.create(newPayment(hold), stored(hold), now(), Optional.empty()).committed()).isTrue();
    }

    @Test
    void onceTheCaptureIsRequestedTheBuyerCanNoLongerCancel() {
        Hold hold = hold("fred", store.newEvent(1, 4), "1-1");
        Payment payment = newPayment(hold);
        writes.create(payment, stored(hold), now(), Optional.empty());

        assertThat(writes.markCaptureRequested(payment, now())).isTrue();

        assertThat(writes.fail(payment, PaymentFailure.CANCELLED, "cancelled", now(), true)).isFalse();
        assertThat(payments.get(payment.id()).captureRequested()).isTrue();
    }

    private static Hold hold(String user, Event event, String... seatIds) {
        return store.bean(SeatHolder.class).holdSeats(new Caller(user, false), event,
                SeatHolder.Pick.of(List.of(seatIds).stream().map(SeatId::parse).toList()), Optional.empty(),
                store.bean(ActiveHoldGuard.class).slotFor(user, event.id(), store.clock.instant()));
    }

    private static StoredHold stored(Hold hold) {
        return holds.load(hold.id()).orElseThrow();
    }

    private static Payment newPayment(Hold hold) {
        Instant now = now();
        return Payment.start(UUID.randomUUID().toString(), hold.id(), hold.eventId(), hold.userId(), PaymentProvider.PAYPAL,
                hold.amount(), hold.currency(), null, now);
    }

    private static Instant now() {
        return store.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
