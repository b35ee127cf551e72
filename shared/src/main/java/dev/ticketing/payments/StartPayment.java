package dev.ticketing.payments;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.CheckoutRequest;
import dev.ticketing.payments.provider.CheckoutSession;
import dev.ticketing.payments.provider.CheckoutState;
import dev.ticketing.payments.provider.PaymentGateway;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProviderException;
import dev.ticketing.payments.provider.ProviderOrder;
import dev.ticketing.payments.setup.PaymentSettings;
import dev.ticketing.problems.BadGatewayException;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.store.TransactionResult;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buyer's side of a payment: start a checkout for a hold, look at a payment, give up. Starting is ONE
 * transaction (payment PENDING + hold marked + tickets linked + idempotency key) under the conditions that the
 * hold is the caller's, ACTIVE, unexpired and has no payment in flight; only then is the provider asked for an
 * order, and a provider failure ends the payment FAILED and frees the hold again.
 */
@Singleton
public class StartPayment {
    private static final Logger LOG = LoggerFactory.getLogger(StartPayment.class);

    private final HoldReader holds;
    private final PaymentReader payments;
    private final PaymentWrites writes;
    private final IdempotencyKeys idempotency;
    private final PaymentGateways gateways;
    private final PaymentSettings settings;
    private final Clock clock;
    private final EventReader events;
    private final ReleaseCheckout releaser;

    public StartPayment(HoldReader holds, PaymentReader payments, PaymentWrites writes, IdempotencyKeys idempotency,
                        PaymentGateways gateways, PaymentSettings settings, Clock clock, EventReader events,
                        ReleaseCheckout releaser) {
        this.events = events;
        this.releaser = releaser;
        this.holds = holds;
        this.payments = payments;
        this.writes = writes;
        this.idempotency = idempotency;
        this.gateways = gateways;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * {@code POST /holds/{holdId}/payments}: the new payment with the provider's approval URL. {@code buyer} (the
     * name and e-mail asked at checkout, validated by {@link Buyer#of}) goes on the order the sale makes; null while
     * clients that do not send one remain (the order then has no buyer).
     */
    public Payment start(Caller caller, String holdId, String providerName, Buyer buyer, String idempotencyHeader) {
        PaymentGateway gateway = gateways.chosen(providerName);
        Optional<IdempotencyKeys.Key> key = IdempotencyKeys.of("payments", caller.userId(), idempotencyHeader,
                holdId + "|" + gateway.provider().name());
        if (key.isPresent()) {
            Optional<String> earlier = idempotency.recorded(key.get());
            if (earlier.isPresent()) {
                return replay(earlier.get());
            }
        }
        try {
            return startNew(caller, holdId, gateway, buyer, key);
        } catch (TicketingException refused) {
            // A concurrent request with the same key may have won (its payment now holds the hold): that is the answer.
            Optional<String> first = key.isPresent() ? idempotency.recorded(key.get()) : Optional.empty();
            if (first.isPresent()) {
                return replay(first.get());
            }
            throw refused;
        }
    }

    private Payment startNew(Caller caller, String holdId, PaymentGateway gateway, Buyer buyer,
                             Optional<IdempotencyKeys.Key> key) {
        StoredHold payable = ownedHold(caller, holdId);
        requirePayable(payable);
        Hold hold = payable.hold();
        // a provider that does not take the event's currency is not offered for it: its order would be refused
        gateways.requireTakes(gateway, hold.currency());
        Instant now = now();
        // Sales window (issue 10): no payment starts outside the event's window; 409 sales-closed names it. Nor on a
        // cancelled event (409 event-cancelled): the transaction checks its sales gate, whatever this instance cached.
        dev.ticketing.events.model.Event event = events.get(hold.eventId());
        event.requireNotCancelled();
        event.requireSalesOpen(now);
        Payment payment = Payment.start(UUID.randomUUID().toString(), hold.id(), hold.eventId(), caller.userId(),
                gateway.provider(), hold.amount(), hold.currency(), buyer, now);
        TransactionResult created = writes.create(payment, payable, now, key);
        if (!created.committed()) {
            if (created.contested(Role.EVENT)) {
                events.forget(hold.eventId());
                throw dev.ticketing.events.model.Event.cancelled(hold.eventId());
            }
            if (created.contested(Role.IDEMPOTENCY_KEY)) {
                // a concurrent request with the same key won
                return replay(idempotency.recorded(key.get()).orElseThrow(created::cause));
            }
            if (created.contested(Role.HOLD)) {
                // the hold changed between our read and the write: say what it is now
                requirePayable(ownedHold(caller, holdId));
            }
            throw new ConflictException("hold-changed", "Hold changed",
                    "Hold " + holdId + " changed while the payment was being started; please try again", Map.of());
        }
        return openCheckout(payment, gateway);
    }

    /**
     * {@code GET /payments/{id}}: the caller's payment; a PENDING one the buyer abandoned at the provider ends FAILED.
     * The provider is asked about one payment at most once per {@code PROVIDER_CHECK_INTERVAL}, however many pages
     * poll it (a conditional write claims the check, across instances).
     */
    public Payment view(Caller caller, String paymentId) {
        Payment payment = payments.ownedBy(caller, paymentId);
        if (!PaymentRules.buyerMayCancel(payment) || payment.providerOrderId() == null
                || !writes.claimProviderCheck(payment, now())) {
            return payment;
        }
        Optional<PaymentGateway> gateway = gateways.find(payment.provider());
        if (gateway.isEmpty()) {
            return payment;
        }
        CheckoutState state;
        try {
            // an order the provider no longer knows can no longer be paid either
            state = gateway.get().order(payment.providerOrderId()).map(ProviderOrder::state).orElse(CheckoutState.CANCELLED);
        } catch (PaymentProviderException e) {
            LOG.info("could not ask {} about order {}: {}", payment.provider(), payment.providerOrderId(), e.getMessage());
            return payment;
        }
        if (state == CheckoutState.CANCELLED) {
            if (writes.fail(payment, PaymentFailure.CANCELLED,
                    PaymentRules.cancelledReason(gateway.get().displayName(), true), now(), true)) {
                releaser.release(paymentId);
            }
            return payments.get(paymentId);
        }
        return payment;
    }

    /**
     * {@code POST /payments/{id}/cancel}: the buyer gives up (typically back from the provider's cancel URL). The
     * payment ends FAILED and the hold stays ACTIVE for another payment. Once the buyer approved and we asked for
     * the money it is too late to cancel (409): the payment finishes as SUCCESS, or FAILED and refunded.
     */
    public Payment cancel(Caller caller, String paymentId) {
        Payment payment = payments.ownedBy(caller, paymentId);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (payment.status() == PaymentStatus.FAILED) {
                return payment;
            }
            if (payment.status() == PaymentStatus.SUCCESS) {
                throw new ConflictException("payment-completed", "Payment completed",
                        "Payment " + paymentId + " has succeeded and cannot be cancelled", Map.of("paymentId", paymentId));
            }
            if (payment.captureRequested()) {
                throw new ConflictException("payment-capturing", "Payment being completed",
                        "Payment " + paymentId + " was approved and is being completed; it can no longer be cancelled",
                        Map.of("paymentId", paymentId));
            }
            String provider = gateways.find(payment.provider()).map(PaymentGateway::displayName).orElse(payment.provider().name());
            if (writes.fail(payment, PaymentFailure.CANCELLED, PaymentRules.cancelledReason(provider, false), now(), true)) {
                // the checkout could still be paid at the provider: close it, so nothing gets authorized or stays so
                releaser.release(paymentId);
                return payments.get(paymentId);
            }
            payment = payments.get(paymentId);
        }
        return payment;
    }

    /** The first answer to a key again: the payment as it is now, or the same 502 if the provider failed it. */
    private Payment replay(String paymentId) {
        Payment payment = payments.get(paymentId);
        if (payment.status() == PaymentStatus.FAILED && payment.failure() == PaymentFailure.PROVIDER_ERROR) {
            throw providerFailed(payment, payment.failureReason());
        }
        if (payment.pending() && payment.providerOrderId() == null) {
            // the first request stopped between our transaction and the provider (or is still there): the provider
            // call is idempotent on the payment id, so finishing it here gives the same order
            return openCheckout(payment, gateways.require(payment.provider()));
        }
        return payment;
    }

    private Payment openCheckout(Payment payment, PaymentGateway gateway) {
        CheckoutSession session;
        try {
            session = gateway.createCheckout(new CheckoutRequest(payment.id(), payment.holdId(), payment.amount(),
                    payment.currency(), settings.returnUrl(payment.id(), true), settings.returnUrl(payment.id(), false)));
        } catch (PaymentProviderException | IllegalArgumentException e) {
            LOG.warn("{} could not create the checkout of payment {}: {}", gateway.provider(), payment.id(), e.getMessage());
            String reason = PaymentRules.providerErrorReason(gateway.displayName());
            if (writes.fail(payment, PaymentFailure.PROVIDER_ERROR, reason, now(), false)) {
                releaser.release(payment.id());
            }
            throw providerFailed(payment, reason);
        }
        writes.attachOrder(payment, session, now());
        return payments.get(payment.id());
    }

    private static BadGatewayException providerFailed(Payment payment, String reason) {
        return new BadGatewayException("payment-provider-error", "Payment provider error", reason,
                Map.of("paymentId", payment.id(), "provider", payment.provider().name()));
    }

    private StoredHold ownedHold(Caller caller, String holdId) {
        return holds.load(holdId)
                .filter(payable -> payable.hold().userId().equals(caller.userId()))
                .orElseThrow(() -> new NotFoundException("Hold " + holdId + " does not exist"));
    }

    private static void requirePayable(StoredHold payable) {
        Hold hold = payable.hold();
        if (hold.status() != HoldStatus.ACTIVE) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("holdStatus", hold.status().name());
            if (payable.paymentId() != null) {
                details.put("paymentId", payable.paymentId());
            }
            throw new ConflictException("hold-not-active", "Hold not active",
                    "Hold " + hold.id() + " is " + hold.status() + "; only an ACTIVE hold can be paid", details);
        }
        if (payable.paymentId() != null) {
            throw new ConflictException("payment-in-flight", "Payment in flight",
                    "Hold " + hold.id() + " already has payment " + payable.paymentId()
                            + " in flight; complete or cancel it first",
                    Map.of("paymentId", payable.paymentId(), "payment", "/payments/" + payable.paymentId()));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
