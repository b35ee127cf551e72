package dev.ticketing.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.config.PaymentTiming;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.ActiveHoldSlotItems;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.ExpiryOutcome;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.PaymentWrites;
import dev.ticketing.payments.SellHold;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.testing.DataLayer;
import dev.ticketing.testing.RecordedCalls;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.store.Transaction.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hold item names the active-hold slot it claimed, so release, sale, expiry and the payment grace write that slot
 * by its key: no query of the user's slots (counted at the beans' DynamoDB client). A hold stored without the number
 * is still freed, by query; a slot another hold claimed after this one's time was up is left to it; and the limit
 * holds while one user's holds are taken and released at once on real threads.
 */
class SlotByKeyIT {
    /** The beans' calls, and the data layer with one open hold per user and event (a test with another has its own). */
    private final RecordedCalls calls = new RecordedCalls();
    private DataLayer store;

    @BeforeEach
    void start() {
        store = new DataLayer(1, calls);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void releasingFreesTheSlotTheHoldNamesWithoutQueryingTheUsersSlots() {
        try (DataLayer twoSlots = new DataLayer(2, calls)) {
            Event event = twoSlots.newEvent(1, 4);
            Hold first = hold(twoSlots, event, "ann", "1-1");
            Hold second = hold(twoSlots, event, "ann", "1-2");
            assertThat(slotOf(twoSlots, first)).isEqualTo(Optional.of(0));
            assertThat(slotOf(twoSlots, second)).as("slot 0 was taken: the second hold claimed slot 1").isEqualTo(Optional.of(1));
            calls.clear();

            twoSlots.bean(ReleaseHold.class).end(second.id(), HoldStatus.RELEASED);

            assertThat(calls.queriesOf(slotPartition("ann", event))).isZero();
            assertThat(slotHolders(twoSlots, "ann", event)).containsExactly(Map.entry(0, first.id()));
        }
    }

    @Test
    void expiringFreesTheSlotWithoutQueryingTheUsersSlots() {
        Event event = store.newEvent(1, 4);
        Hold hold = hold(store, event, "bea", "1-1");
        store.clock.advance(Duration.ofMinutes(10));
        calls.clear();

        assertThat(store.bean(ExpireHolds.class).expire(hold.id())).isEqualTo(ExpiryOutcome.ENDED);

        assertFreedWithoutQuery(store, calls, "bea", event);
    }

    @Test
    void aHoldWhoseSlotTtlAlreadyDeletedEndsInOneGoWithoutQuerying() {
        Event event = store.newEvent(2, 2);
        Hold lapsed = hold(store, event, "cid", "2-2");
        store.clock.advance(Duration.ofMinutes(10));
        // what DynamoDB TTL does to the slot of a hold out of time, here before cleanup ends the hold
        store.dynamo.deleteItem(b -> b.tableName(store.table).key(ActiveHoldSlotItems.key("cid", event.id(), 0)));
        calls.clear();

        assertThat(store.bean(ExpireHolds.class).expire(lapsed.id())).isEqualTo(ExpiryOutcome.ENDED);
        assertThat(calls.queriesOf(slotPartition("cid", event))).as("no retry, which would query").isZero();
    }

    @Test
    void aSlotTheUsersNextHoldClaimedAfterExpiryIsLeftToIt() {
        Event event = store.newEvent(1, 4);
        Hold expired = hold(store, event, "dot", "1-1");
        store.clock.advance(Duration.ofMinutes(10));
        Hold next = hold(store, event, "dot", "1-2");
        assertThat(slotOf(store, next)).isEqualTo(Optional.of(0));

        assertThat(store.bean(ExpireHolds.class).expire(expired.id())).isEqualTo(ExpiryOutcome.ENDED);

        assertThat(slotHolders(store, "dot", event)).containsExactly(Map.entry(0, next.id()));
        assertThatThrownBy(() -> hold(store, event, "dot", "1-3"))
                .isInstanceOfSatisfying(ConflictException.class,
                        limit -> assertThat(limit.type()).isEqualTo("active-hold-limit"));
    }

    @Test
    void thePaymentGraceRenewsTheSlotAndTheSaleFreesItWithoutQueryingTheUsersSlots() {
        Event event = store.newEvent(1, 4);
        Hold hold = hold(store, event, "eve", "1-1", "1-2");
        Payment payment = Payment.start(UUID.randomUUID().toString(), hold.id(), event.id(), "eve",
                PaymentProvider.PAYPAL, hold.amount(), hold.currency(), null, now(store));
        calls.clear();

        assertThat(store.bean(PaymentWrites.class).create(payment, store.bean(HoldReader.class).load(hold.id()).orElseThrow(),
                now(store), Optional.empty()).committed()).isTrue();

        assertThat(calls.queriesOf(slotPartition("eve", event))).isZero();
        assertThat(ActiveHoldSlotItems.takenAt(slot(store, "eve", event, 0), hold.expiresAt().plus(
                PaymentTiming.DEFAULTS.paymentGrace()).minusMillis(1))).as("taken until the grace ends").isTrue();

        SellHold.Result sold = store.bean(SellHold.class).sell(store.bean(PaymentReader.class).get(payment.id()),
                "CAPTURE-1");

        assertThat(sold.outcome()).isEqualTo(SellHold.Outcome.SOLD);
        assertFreedWithoutQuery(store, calls, "eve", event);
    }

    @Test
    void aHoldStoredWithoutItsSlotNumberIsStillFreedByQuery() {
        Event event = store.newEvent(1, 4);
        Hold legacy = legacyHold(store, event, "fay", new SeatId(1, 1));
        assertThat(slotOf(store, legacy)).isEmpty();
        assertThat(slotHolders(store, "fay", event)).containsExactly(Map.entry(0, legacy.id()));
        calls.clear();

        store.bean(ReleaseHold.class).end(legacy.id(), HoldStatus.RELEASED);

        assertThat(calls.queriesOf(slotPartition("fay", event))).as("found by query").isEqualTo(1);
        assertThat(slotHolders(store, "fay", event)).isEmpty();
        assertThat(hold(store, event, "fay", "1-2").status()).isEqualTo(HoldStatus.ACTIVE);
    }

    @Test
    void withoutALimitHoldsNameNoSlotAndEndWithoutOne() {
        try (DataLayer noLimit = new DataLayer(0, calls)) {
            Event event = noLimit.newEvent(1, 4);
            Hold first = hold(noLimit, event, "gus", "1-1");
            Hold second = hold(noLimit, event, "gus", "1-2");
            assertThat(slotOf(noLimit, first)).isEmpty();

            noLimit.bean(ReleaseHold.class).end(first.id(), HoldStatus.RELEASED);

            assertThat(calls.queriesOf(slotPartition("gus", event))).isZero();
            assertThat(slotHolders(noLimit, "gus", event)).isEmpty();
            assertThat(noLimit.bean(HoldReader.class).load(second.id()).orElseThrow().open()).isTrue();
        }
    }

    @Test
    void theLimitHoldsWhileOneUsersHoldsAreTakenAndReleasedAtOnce() throws Exception {
        // 15 attempts: under the hold rate of 20 holds an hour, so only the limit refuses
        int threads = 5;
        int rounds = 3;
        try (DataLayer twoSlots = new DataLayer(2)) {
            Event event = twoSlots.newEvent(threads, rounds);
            AtomicInteger open = new AtomicInteger();
            AtomicInteger mostOpen = new AtomicInteger();
            AtomicInteger held = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 1; t <= threads; t++) {
                    int row = t;
                    done.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        for (int column = 1; column <= rounds; column++) {
                            Hold hold;
                            try {
                                hold = hold(twoSlots, event, "hal", row + "-" + column);
                            } catch (TicketingException refused) {
                                continue;
                            }
                            held.incrementAndGet();
                            // counted from the hold's commit until before its release (a read of it in between):
                            // fewer than are open, so never more than the limit
                            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            assertThat(twoSlots.bean(HoldReader.class).load(hold.id()).orElseThrow().open()).isTrue();
                            open.decrementAndGet();
                            twoSlots.bean(ReleaseHold.class).end(hold.id(), HoldStatus.RELEASED);
                        }
                        return null;
                    }));
                }
                for (Future<?> each : done) {
                    each.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(mostOpen.get()).isLessThanOrEqualTo(2);
            assertThat(held.get()).as("freed slots were taken again").isGreaterThan(2);
            assertThat(slotHolders(twoSlots, "hal", event)).as("every release freed its slot").isEmpty();
            hold(twoSlots, event, "hal", "1-1");
            hold(twoSlots, event, "hal", "1-2");
            assertThatThrownBy(() -> hold(twoSlots, event, "hal", "1-3")).isInstanceOf(ConflictException.class);
        }
    }

    private static Hold hold(DataLayer store, Event event, String user, String... seats) {
        return store.bean(SeatHolder.class).holdSeats(new Caller(user, false), event,
                SeatHolder.Pick.of(List.of(seats).stream().map(SeatId::parse).toList()), Optional.empty(),
                store.bean(ActiveHoldGuard.class).firstSlot());
    }

    /**
     * A hold as stored before hold items named their slot: the hold's transaction of that time, claiming slot 0, with
     * the hold item written without the slot number.
     */
    private static Hold legacyHold(DataLayer store, Event event, String user, SeatId seat) {
        Instant now = now(store);
        Hold hold = Hold.newHold(event, user, List.of(seat), now, Duration.ofMinutes(10));
        Ticket ticket = hold.tickets().get(0);
        Transaction transaction = store.bean(Table.class).transaction()
                .add(Role.SEAT, seat.toString(), new SeatItems(store.bean(Table.class)).take(event, seat, hold.id(), ticket.id(), user,
                        hold.expiresAt(), now))
                .add(Role.TICKET, ticket.id(), new TicketItems(store.bean(Table.class)).create(ticket, now))
                .add(Role.HOLD, new HoldItems(store.bean(Table.class)).create(hold))
                .add(Role.LEASE, new HoldItems(store.bean(Table.class)).createLease(hold))
                .add(Role.ACTIVE_HOLD_SLOT, new ActiveHoldSlotItems(store.bean(Table.class)).claim(hold, 0, now));
        assertThat(transaction.commit().committed()).isTrue();
        return hold;
    }

    private static Optional<Integer> slotOf(DataLayer store, Hold hold) {
        return store.bean(HoldReader.class).load(hold.id()).orElseThrow().activeHoldSlot();
    }

    /** The beans did not query the user's slots since {@code calls} was cleared, and the user has no slot taken. */
    private static void assertFreedWithoutQuery(DataLayer store, RecordedCalls calls, String user, Event event) {
        assertThat(calls.queriesOf(slotPartition(user, event))).isZero();
        assertThat(slotHolders(store, user, event)).isEmpty();
    }

    private static String slotPartition(String user, Event event) {
        return ActiveHoldSlotItems.partition(user, event.id());
    }

    /** The user's slot items for the event as stored: slot number -> the hold that has it (read with the real client). */
    private static Map<Integer, String> slotHolders(DataLayer store, String user, Event event) {
        Map<Integer, String> holders = new java.util.TreeMap<>();
        store.dynamo.query(new ActiveHoldSlotItems(store.bean(Table.class)).slotsQuery(user, event.id())).items()
                .forEach(item -> holders.put(ActiveHoldSlotItems.slotNumberOf(item), ActiveHoldSlotItems.holdIdOf(item)));
        return holders;
    }

    private static Map<String, AttributeValue> slot(DataLayer store, String user, Event event, int slot) {
        return store.dynamo.getItem(b -> b.tableName(store.table)
                .key(ActiveHoldSlotItems.key(user, event.id(), slot)).consistentRead(true)).item();
    }

    private static Instant now(DataLayer store) {
        return store.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
