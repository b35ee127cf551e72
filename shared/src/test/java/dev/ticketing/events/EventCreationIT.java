package dev.ticketing.events;

import dev.ticketing.holds.model.PlacedHold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.items.EventItems;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.holds.PlaceHold;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.input.Instants;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalConfig;
import dev.ticketing.payments.provider.paypal.PayPalGateway;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.CurrencyNotSupportedException;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.store.Table;
import dev.ticketing.testing.DataLayer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Creating an event against DynamoDB Local, without HTTP: the event first, then its seats, idempotent with an
 * {@code Idempotency-Key}, resumable after a failure halfway (injected at the DynamoDB client), never held or shown
 * before every seat is in.
 */
class EventCreationIT {
    private static final Caller ADMIN = new Caller("admin-1", true);
    private static DataLayer store;
    private static FailingBatchWrites dynamo;
    private static CreateEvent service;
    private static EventSeats eventSeats;
    private static EventReader events;
    private static final StartedWriters writers = new StartedWriters();

    /**
     * The event-seats queue as EventSeatsFunction reads it, at its fastest: each start is taken at once, by a writer
     * of its own, before the request that asked has stored its event. Or a queue that cannot be reached.
     */
    private static final class StartedWriters implements EventSeatsTrigger {
        final Map<String, java.util.concurrent.CompletableFuture<java.util.Optional<Event>>> started =
                new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean unreachable;

        @Override
        public void start(String eventId, java.time.Instant askedAt) {
            if (unreachable) {
                throw new dev.ticketing.problems.ServiceUnavailableException("the queue cannot be reached");
            }
            started.put(eventId, java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> eventSeats.completeStarted(eventId, askedAt, Duration.ZERO)));
        }

        Event finished(String eventId) {
            return started.remove(eventId).orTimeout(1, java.util.concurrent.TimeUnit.MINUTES).join().orElseThrow();
        }
    }

    @BeforeAll
    static void start() {
        store = new DataLayer(real -> dynamo = new FailingBatchWrites(real), writers);
        service = store.bean(CreateEvent.class);
        eventSeats = store.bean(EventSeats.class);
        events = store.bean(EventReader.class);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void theSameKeyTwiceCreatesOneEventWithEachSeatOnce() {
        NewEvent hall = hall(4, 50);

        CreateEvent.Created first = service.create(ADMIN, hall, keyOf(hall));
        CreateEvent.Created again = service.create(ADMIN, hall, keyOf(hall));

        assertThat(first.replayed()).isFalse();
        assertThat(first.event().status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(again.replayed()).isTrue();
        assertThat(again.event().id()).isEqualTo(first.event().id());
        assertThat(eventsNamed(hall.name())).containsExactly(first.event().id());
        assertThat(seatKeys(first.event().id())).hasSize(200);
    }

    @Test
    void anEventInACurrencyNoEnabledProviderTakesIsRefusedAndNothingIsStored() {
        PaymentGateways paypalOnly = new PaymentGateways(List.of(new PayPalGateway(new PayPalClient(
                new PayPalConfig(java.net.URI.create("http://127.0.0.1:9/paypal"), "client", "secret", "webhook")))));
        CreateEvent shop = new CreateEvent(events, eventSeats, store.bean(IdempotencyKeys.class), store.bean(Table.class),
                paypalOnly, writers, store.bean(dev.ticketing.venues.ReadVenues.class), store.clock);
        String key = "key-" + UUID.randomUUID();
        String name = "Dinar hall " + key;
        NewEvent inDinars = new NewEvent(name, Instants.text(store.clock.instant().plus(Duration.ofDays(30))), 2, 10, "KWD",
                List.of(new NewEvent.Price(1, 2, "12.500")));

        assertThatThrownBy(() -> shop.create(ADMIN, inDinars, key))
                .isInstanceOf(CurrencyNotSupportedException.class).hasMessageContaining("KWD");
        assertThat(eventsNamed(name)).isEmpty();
        assertThat(store.bean(IdempotencyKeys.class).recorded(IdempotencyKeys.of("events", ADMIN.userId(), key,
                inDinars.toString()).orElseThrow())).isEmpty();
    }

    @Test
    void theSameKeyWithAnotherEventIsRefusedAndCreatesNothing() {
        NewEvent hall = hall(2, 10);
        service.create(ADMIN, hall, keyOf(hall));
        NewEvent other = new NewEvent(hall.name(), hall.date(), 3, 10, "EUR", List.of(new NewEvent.Price(1, 3, "20.00")));

        assertThatThrownBy(() -> service.create(ADMIN, other, keyOf(hall)))
                .isInstanceOf(IdempotencyKeys.KeyReusedException.class);
        assertThat(eventsNamed(hall.name())).hasSize(1);
    }

    @Test
    void aCreationThatFailsHalfwayIsFailedAndARetryWithTheSameKeyFinishesItWithNoSeatTwice() {
        NewEvent hall = hall(10, 50); // 500 seats: 20 batches of 25
        dynamo.failCall(3);

        assertThatThrownBy(() -> service.create(ADMIN, hall, keyOf(hall)))
                .isInstanceOf(DynamoDbException.class);

        String id = eventsNamed(hall.name()).get(0);
        Event failed = events.get(id);
        assertThat(failed.status()).isEqualTo(EventStatus.FAILED);
        assertThat(failed.failureReason()).contains("DynamoDbException");
        assertThat(seatKeys(id)).hasSizeLessThan(500);
        assertRefusedAsNotOnSale(() -> holdOneSeat(id));
        assertThat(events.list()).extracting(Event::id).doesNotContain(id);

        CreateEvent.Created retried = service.create(ADMIN, hall, keyOf(hall));

        assertThat(retried.replayed()).isTrue();
        assertThat(retried.event().id()).isEqualTo(id);
        assertThat(retried.event().status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(events.get(id).status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(eventsNamed(hall.name())).containsExactly(id);
        assertThat(seatKeys(id)).hasSize(500);
        assertThat(holdOneSeat(id).hold().seats()).hasSize(1);
    }

    @Test
    void aBigHallIsAnsweredCreatingAndItsWriterAskedBeforeItWasStoredWaitsForItAndPutsItOnSale() {
        int rows = CreateEvent.INLINE_SEATS / 500 + 1;
        NewEvent hall = hall(rows, 500);

        CreateEvent.Created created = service.create(ADMIN, hall, keyOf(hall));

        String id = created.event().id();
        assertThat(created.event().status()).isEqualTo(EventStatus.CREATING);
        assertThat(writers.started).containsKey(id);

        Event done = writers.finished(id); // what EventSeatsFunction does with the queue's message

        assertThat(done.status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(seatKeys(id)).hasSize(rows * 500);
        assertThat(events.list()).extracting(Event::id).contains(id);
        assertThat(holdOneSeat(id).hold().seats()).hasSize(1);
    }

    @Test
    void aBigHallIsNeitherHeldNorShownWhileCreating() {
        int rows = CreateEvent.INLINE_SEATS / 500 + 1;
        // stored CREATING as the API stores it, its writer not started yet: what a viewer or buyer meets meanwhile
        Event creating = storedCreating(hall(rows, 500));

        assertRefusedAsNotOnSale(() -> holdOneSeat(creating.id()));
        assertRefusedAsNotOnSale(() -> store.bean(SeatMapReader.class).read(creating.id()));
        assertThat(events.list()).extracting(Event::id).doesNotContain(creating.id());
    }

    @Test
    void aBigHallWhoseWriterCannotBeAskedIsA503AndStoresNothingSoTheSameKeyCanBeTriedAgain() {
        NewEvent hall = hall(CreateEvent.INLINE_SEATS / 500 + 1, 500);
        writers.unreachable = true;
        try {
            assertThatThrownBy(() -> service.create(ADMIN, hall, keyOf(hall)))
                    .isInstanceOf(dev.ticketing.problems.ServiceUnavailableException.class);
            assertThat(eventsNamed(hall.name())).isEmpty();
        } finally {
            writers.unreachable = false;
        }

        CreateEvent.Created retried = service.create(ADMIN, hall, keyOf(hall));

        assertThat(retried.replayed()).isFalse();
        assertThat(writers.finished(retried.event().id()).status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(eventsNamed(hall.name())).containsExactly(retried.event().id());
    }

    @Test
    void aStartWhoseEventIsNeverStoredIsDroppedOnceTheRequestCannotStoreItAnyMore() {
        String never = UUID.randomUUID().toString();

        assertThat(eventSeats.completeStarted(never, store.clock.instant().minus(EventSeats.STORE_WINDOW), Duration.ZERO))
                .isEmpty();
        assertThat(events.current(never)).isEmpty();
    }

    /**
     * The writer measures how long it waits for an event by the asking request's clock, which the message carries: CI
     * once lost a 100,000-seat event (PlanEventsIT) when the writer compared the stack's clock, moved an hour ahead by
     * earlier tests, with SQS's SentTimestamp, found the store window long gone, and dropped the start it had read a
     * moment before the request stored the event, which then stayed CREATING with nobody writing its seats.
     */
    @Test
    void aStartReadBeforeItsEventIsStoredWaitsForItOnAClockAheadOfTheQueues() throws Exception {
        store.clock.advance(Duration.ofHours(1));
        NewEvent hall = hall(CreateEvent.INLINE_SEATS / 500 + 1, 500);
        Event event = hall.validate(store.clock.instant());
        String message = EventSeatsQueue.body(event.id(), store.clock.instant());
        int reads = dynamo.getItems();

        java.util.concurrent.CompletableFuture<java.util.Optional<Event>> writer =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> eventSeats.completeStarted(
                        EventSeatsQueue.eventIdOf(message).orElseThrow(),
                        EventSeatsQueue.askedAtOf(message).orElseThrow(), Duration.ZERO));
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        while (dynamo.getItems() == reads) {
            assertThat(java.time.Instant.now()).as("the writer looked for the event by the deadline").isBefore(deadline);
            Thread.sleep(5);
        }
        storedCreating(event);

        assertThat(writer.orTimeout(1, java.util.concurrent.TimeUnit.MINUTES).join()).as("not dropped")
                .map(Event::status).contains(EventStatus.ON_SALE);
        assertThat(seatKeys(event.id())).hasSize(hall.rows() * hall.columns());
    }

    @Test
    void aRetryOfABigHallWhoseWriterFailedAsksForAWriterAgainWhichFinishesItWithEachSeatOnce() {
        NewEvent hall = hall(CreateEvent.INLINE_SEATS / 500 + 1, 500);
        dynamo.failCall(3);
        String id = service.create(ADMIN, hall, keyOf(hall)).event().id();
        assertThatThrownBy(() -> writers.finished(id)).hasRootCauseInstanceOf(DynamoDbException.class);
        assertThat(events.get(id).status()).isEqualTo(EventStatus.FAILED);

        CreateEvent.Created again = service.create(ADMIN, hall, keyOf(hall));

        assertThat(again.replayed()).isTrue();
        assertThat(again.event().id()).isEqualTo(id);
        assertThat(writers.finished(id).status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(seatKeys(id)).hasSize(hall.rows() * hall.columns());
        assertThat(eventsNamed(hall.name())).containsExactly(id);
    }

    @Test
    void aWriterHoldingTheLeaseKeepsOthersOutUntilItsLeaseRunsOut() {
        NewEvent hall = hall(CreateEvent.INLINE_SEATS / 500 + 1, 500);
        // stored CREATING as the API stores a big hall, its writer not started yet
        String id = storedCreating(hall).id();
        // another writer claimed it and then died, without finishing or failing the event
        assertThat(store.bean(Table.class).writeAlone(new EventItems(store.bean(Table.class))
                .claim(id, "dead-writer", store.clock.instant().plus(EventSeats.LEASE), store.clock.instant()))).isTrue();

        assertThat(eventSeats.complete(id, Duration.ZERO).status()).isEqualTo(EventStatus.CREATING);
        assertThat(seatKeys(id)).isEmpty();

        store.clock.advance(EventSeats.LEASE.plusSeconds(1));

        assertThat(eventSeats.complete(id, Duration.ZERO).status()).isEqualTo(EventStatus.ON_SALE);
        assertThat(seatKeys(id)).hasSize(hall.rows() * hall.columns());
    }

    /** The event stored CREATING without a lease, as the API stores a big hall before its writer takes it. */
    private static Event storedCreating(NewEvent hall) {
        return storedCreating(hall.validate(store.clock.instant()));
    }

    private static Event storedCreating(Event event) {
        assertThat(store.bean(Table.class).transaction().add(dev.ticketing.store.Transaction.Role.EVENT,
                new EventItems(store.bean(Table.class)).begin(event, java.util.Optional.empty(), store.clock.instant()))
                .commit().committed()).isTrue();
        return event;
    }

    private static NewEvent hall(int rows, int columns) {
        return new NewEvent("Hall " + UUID.randomUUID(), Instants.text(store.clock.instant().plus(Duration.ofDays(30))),
                rows, columns, "EUR", List.of(new NewEvent.Price(1, rows, "20.00")));
    }

    private static String keyOf(NewEvent hall) {
        return "key-" + hall.name().substring("Hall ".length());
    }

    private static PlacedHold holdOneSeat(String eventId) {
        return store.bean(PlaceHold.class).place(new Caller("buyer-" + UUID.randomUUID(), false), eventId,
                HoldRequest.ofSeats(List.of("1-1")), null);
    }

    private static void assertRefusedAsNotOnSale(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).type()).endsWith("event-not-on-sale"));
    }

    /** The ids of every event item of this name in the table. */
    private static List<String> eventsNamed(String name) {
        return store.dynamo.scanPaginator(b -> b.tableName(store.table)
                        .filterExpression("begins_with(pk, :event) AND #name = :name")
                        .expressionAttributeNames(Map.of("#name", "name"))
                        .expressionAttributeValues(Map.of(":event", AttributeValue.fromS("EVENT#"),
                                ":name", AttributeValue.fromS(name))))
                .items().stream().map(item -> item.get("id").s()).toList();
    }

    /** The keys of every seat item of the event in the table, whatever block they are in (a set: each seat once). */
    private static Set<String> seatKeys(String eventId) {
        Set<String> keys = new HashSet<>();
        store.dynamo.scanPaginator(b -> b.tableName(store.table)
                        .filterExpression("begins_with(pk, :seats)")
                        .expressionAttributeValues(Map.of(":seats", AttributeValue.fromS("SEATS#" + eventId + "#"))))
                .items().forEach(item -> assertThat(keys.add(item.get("pk").s() + "/" + item.get("sk").s())).isTrue());
        return keys;
    }
}
