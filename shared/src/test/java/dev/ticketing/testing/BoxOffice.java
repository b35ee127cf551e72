package dev.ticketing.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.ExpireHolds;
import dev.ticketing.holds.PlaceHold;
import dev.ticketing.holds.items.ExpiryIndex;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.FinalizePayment;
import dev.ticketing.payments.StartPayment;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentEvent;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The use cases as a buyer meets them, over a {@link DataLayer} whose payment provider is a {@link ProviderStandIn}:
 * holding seats ({@code PlaceHold}) and starting a payment ({@code StartPayment}) in one call each; what storage
 * has of seats, leases and the expiry index, for a test to look at after a step; and what a sale or a failed payment
 * must have left there. A test's own: a field made anew for each test and registered as its extension
 * ({@code @RegisterExtension}) is closed, with its table, after the test.
 */
public final class BoxOffice implements AutoCloseable, AfterEachCallback {
    public final ProviderStandIn provider = new ProviderStandIn();
    public final DataLayer store;

    /** A fresh table, one open hold per user and event, the stand-in provider. */
    public BoxOffice() {
        this.store = new DataLayer(UnaryOperator.identity(), provider.gateways());
    }

    /** Over a data layer of a test's own (its provider is then whatever that data layer has). */
    public BoxOffice(DataLayer store) {
        this.store = store;
    }

    public <T> T bean(Class<T> type) {
        return store.bean(type);
    }

    public TestClock clock() {
        return store.clock;
    }

    /** Now at the millisecond precision storage keeps. */
    public Instant now() {
        return store.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public Event newEvent(int rows, int columns) {
        return store.newEvent(rows, columns);
    }

    /** The user holds exactly these seats (ids such as {@code "1-2"}), as {@code POST /events/{id}/holds} does. */
    public Hold hold(String user, Event event, String... seatIds) {
        return bean(PlaceHold.class).place(new Caller(user, false), event.id(), HoldRequest.ofSeats(List.of(seatIds)),
                null).hold();
    }

    /** The hold's owner starts paying for it with the provider, as {@code POST /holds/{id}/payments} does. */
    public Payment startPayment(Hold hold) {
        return bean(StartPayment.class).start(new Caller(hold.userId(), false), hold.id(), "PAYPAL", null, null);
    }

    /**
     * The hold paid for: a payment started, approved at the provider, and its approval delivered as the payments queue
     * hands it on (capture, sale); asserts the sale and returns the payment as stored.
     */
    public Payment sell(Hold hold) {
        Payment payment = startPayment(hold);
        provider.approve(payment.id());
        bean(FinalizePayment.class).handle(provider.event(PaymentEvent.Type.APPROVED, payment.id()));
        Payment sold = bean(PaymentReader.class).get(payment.id());
        assertThat(sold.status()).isEqualTo(PaymentStatus.SUCCESS);
        return sold;
    }

    /** Each seat as storage has it: {@code "RESERVED by <hold id>"}, {@code "SOLD by <hold id>"}, {@code "AVAILABLE by null"}. */
    public Map<String, String> seatStates(Event event, String... seatIds) {
        List<SeatId> ids = ids(seatIds);
        Map<SeatId, SeatItems.StoredSeat> stored = bean(SeatBatches.class).read(event, ids);
        return ids.stream().collect(Collectors.toMap(SeatId::toString, id -> {
            SeatItems.StoredSeat seat = stored.get(id);
            return seat.status() + " by " + (seat.status() == SeatStatus.AVAILABLE ? null : seat.holdId());
        }));
    }

    /** Each seat's status as storage has it, in the order asked. */
    public List<SeatStatus> seatStatuses(Event event, String... seatIds) {
        List<SeatId> ids = ids(seatIds);
        Map<SeatId, SeatItems.StoredSeat> stored = bean(SeatBatches.class).read(event, ids);
        return ids.stream().map(id -> stored.get(id).status()).toList();
    }

    /** Asserts the sale as storage has it: the hold PAID, each of its tickets PAID, each of these seats SOLD to it. */
    public void assertSold(Hold hold, Event event, String... seatIds) {
        StoredHold stored = bean(HoldReader.class).load(hold.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(HoldStatus.PAID);
        assertThat(stored.hold().tickets()).extracting(Ticket::status).containsOnly(TicketStatus.PAID);
        assertThat(seatStates(event, seatIds)).allSatisfy((seat, state) -> assertThat(state).isEqualTo("SOLD by " + hold.id()));
    }

    /** Asserts that storage has the payment FAILED for {@code failure}; the payment as stored. */
    public Payment assertFailed(Payment payment, PaymentFailure failure) {
        Payment stored = bean(PaymentReader.class).get(payment.id());
        assertThat(stored.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(stored.failure()).isEqualTo(failure);
        return stored;
    }

    /** Whether the hold's lease (whose TTL deletion triggers cleanup) is still stored. */
    public boolean leaseExists(String holdId) {
        return store.dynamo.getItem(b -> b.tableName(store.table).key(HoldItems.leaseKey(holdId)).consistentRead(true))
                .hasItem();
    }

    /** The holds the expiry index lists as due now, every shard. */
    public List<String> dueHolds() {
        return ExpiryIndex.shards().stream()
                .flatMap(shard -> bean(ExpireHolds.class).due(shard, store.clock.instant(), 1_000).stream())
                .toList();
    }

    public static List<SeatId> ids(String... seatIds) {
        return List.of(seatIds).stream().map(SeatId::parse).toList();
    }

    @Override
    public void afterEach(ExtensionContext test) {
        close();
    }

    @Override
    public void close() {
        store.close();
    }
}
