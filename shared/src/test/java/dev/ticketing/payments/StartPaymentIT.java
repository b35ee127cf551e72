package dev.ticketing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.ReleaseHold;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.CheckoutRequest;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.problems.BadGatewayException;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.testing.AtOnce;
import dev.ticketing.testing.BoxOffice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checkout ({@link StartPayment#start}) against DynamoDB Local, the provider a stand-in: a payment starts only for
 * the caller's own ACTIVE hold without a payment in flight, at the hold's amount, with the provider's order attached;
 * the first checkout of a hold extends it once by the payment grace; buyers racing to pay one hold start one payment;
 * a provider that cannot open the checkout leaves the hold free for another payment. The checkout transaction's own
 * items (tickets linked, seats and slot extended, each way it is refused) are {@code PaymentTransitionsIT}'s.
 */
class StartPaymentIT {
    private static final Duration GRACE = PaymentTiming.DEFAULTS.paymentGrace();

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final StartPayment checkout = office.bean(StartPayment.class);
    private final HoldReader holds = office.bean(HoldReader.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);

    @Test
    void aCheckoutStartsAPendingPaymentOfTheHoldsAmountWithTheProvidersOrder() {
        Hold hold = office.hold("alice", office.newEvent(1, 4), "1-1", "1-2");

        Payment payment = checkout.start(new Caller("alice", false), hold.id(), "paypal", null, null);

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.holdId()).isEqualTo(hold.id());
        assertThat(payment.amount()).isEqualByComparingTo("40.00");
        assertThat(payment.currency()).isEqualTo("EUR");
        assertThat(office.provider.checkouts()).singleElement().satisfies(asked -> {
            assertThat(asked.paymentId()).isEqualTo(payment.id());
            assertThat(asked.amount()).isEqualByComparingTo("40.00");
            assertThat(asked.currency()).isEqualTo("EUR");
        });
        assertThat(payment.providerOrderId()).isNotNull();
        assertThat(payment.approvalUrl()).isNotNull();
        assertThat(payments.findByOrder(PaymentProvider.PAYPAL, payment.providerOrderId())).contains(payment);
        assertThat(holds.load(hold.id()).orElseThrow().paymentId()).isEqualTo(payment.id());
    }

    @Test
    void theFirstCheckoutExtendsTheHoldOnceByThePaymentGraceAndTheSeatsStayTheBuyers() {
        Event event = office.newEvent(1, 4);
        Hold hold = office.hold("alice", event, "1-1");
        Instant extended = hold.expiresAt().plus(GRACE);

        Payment first = office.startPayment(hold);
        assertThat(holds.find(hold.id()).orElseThrow().expiresAt()).isEqualTo(extended);
        checkout.cancel(new Caller("alice", false), first.id());
        office.startPayment(hold);

        assertThat(holds.find(hold.id()).orElseThrow().expiresAt()).as("not extended again").isEqualTo(extended);
        office.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(holds.find(hold.id()).orElseThrow().status()).isEqualTo(HoldStatus.ACTIVE);
        assertThatThrownBy(() -> office.hold("bob", event, "1-1"))
                .isInstanceOfSatisfying(SeatsUnavailableException.class,
                        refused -> assertThat(refused.unavailableSeats()).containsExactly("1-1"));
    }

    @Test
    void anEndedHoldIsRefusedAndNoCheckoutIsOpened() {
        Event event = office.newEvent(1, 4);
        Hold released = office.hold("alice", event, "1-1");
        office.bean(ReleaseHold.class).release(new Caller("alice", false), released.id());
        Hold expired = office.hold("bob", event, "1-2");
        office.clock().advance(Duration.ofMinutes(10));

        assertRefusedAsEnded(released, HoldStatus.RELEASED);
        assertRefusedAsEnded(expired, HoldStatus.EXPIRED);
        assertThat(office.provider.checkouts()).isEmpty();
    }

    @Test
    void someoneElsesHoldIsNotFound() {
        Hold hold = office.hold("alice", office.newEvent(1, 4), "1-1");

        assertThatThrownBy(() -> checkout.start(new Caller("mallory", false), hold.id(), "PAYPAL", null, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(holds.load(hold.id()).orElseThrow().paymentId()).isNull();
        assertThat(office.provider.checkouts()).isEmpty();
    }

    @Test
    void aSecondCheckoutWhileAPaymentIsInFlightIsRefusedNamingIt() {
        Hold hold = office.hold("alice", office.newEvent(1, 4), "1-1");
        Payment first = office.startPayment(hold);

        assertThatThrownBy(() -> office.startPayment(hold)).isInstanceOfSatisfying(ConflictException.class, refused -> {
            assertThat(refused.type()).isEqualTo("payment-in-flight");
            assertThat(refused.extensions()).containsEntry("paymentId", first.id());
        });
        assertThat(office.provider.checkouts()).hasSize(1);
    }

    @Test
    void checkoutsRacingForOneHoldStartExactlyOnePayment() {
        Hold hold = office.hold("alice", office.newEvent(1, 4), "1-1");

        List<AtOnce.Outcome<Payment>> outcomes = AtOnce.times(4, () -> office.startPayment(hold));

        List<Payment> started = outcomes.stream().filter(AtOnce.Outcome::succeeded).map(AtOnce.Outcome::value).toList();
        assertThat(started).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                .allSatisfy(refused -> assertThat(refused.thrown()).isInstanceOf(ConflictException.class));
        assertThat(holds.load(hold.id()).orElseThrow().paymentId()).isEqualTo(started.get(0).id());
        assertThat(office.provider.checkouts()).extracting(CheckoutRequest::paymentId).containsExactly(started.get(0).id());
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstPayment() {
        Hold hold = office.hold("alice", office.newEvent(1, 4), "1-1");
        Caller alice = new Caller("alice", false);

        Payment first = checkout.start(alice, hold.id(), "PAYPAL", null, "pay-once");
        Payment again = checkout.start(alice, hold.id(), "PAYPAL", null, "pay-once");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.providerOrderId()).isEqualTo(first.providerOrderId());
        assertThat(office.provider.checkouts()).hasSize(1);
    }

    @Test
    void aCheckoutTheProviderCannotOpenFailsThePaymentAndFreesTheHold() {
        Hold hold = office.hold("alice", office.newEvent(1, 4), "1-1");
        office.provider.unreachable(true);

        assertThatThrownBy(() -> office.startPayment(hold)).isInstanceOfSatisfying(BadGatewayException.class, failed -> {
            Payment payment = payments.get((String) failed.extensions().get("paymentId"));
            assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(payment.failure()).isEqualTo(PaymentFailure.PROVIDER_ERROR);
        });
        StoredHold stored = holds.load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(stored.paymentId()).isNull();

        office.provider.unreachable(false);
        assertThat(office.startPayment(hold).status()).isEqualTo(PaymentStatus.PENDING);
    }

    private void assertRefusedAsEnded(Hold hold, HoldStatus status) {
        assertThatThrownBy(() -> office.startPayment(hold)).isInstanceOfSatisfying(ConflictException.class, refused -> {
            assertThat(refused.type()).isEqualTo("hold-not-active");
            assertThat(refused.extensions()).containsEntry("holdStatus", status.name());
        });
        assertThat(holds.load(hold.id()).orElseThrow().paymentId()).isNull();
    }
}
