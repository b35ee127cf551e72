package dev.ticketing.holds;

import dev.ticketing.holds.model.PlacedHold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.allocation.BestAvailableRequests;
import dev.ticketing.holds.allocation.EventAllocator;
import dev.ticketing.holds.model.SeatPreference;
import dev.ticketing.holds.allocation.items.AllocationLeaseItems;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems;
import dev.ticketing.holds.allocation.items.AllocationQueueItems;
import dev.ticketing.holds.allocation.items.AllocationRequest;
import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.TooManyRequestsException;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Table;
import dev.ticketing.testing.DataLayer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage side of the rush rules against DynamoDB Local: a hold's guard seats, the hold-rate slots, and a
 * queued best-available request answered exactly once (by the allocator's hold, or withdrawn by its requester).
 */
class AllocationTransitionsIT {
    private static DataLayer store;
    private static SeatHolder holder;
    private static SeatBatches seats;
    private static Table table;
    private static AllocationQueueItems queue;
    private static AllocationOutcomeItems outcomes;

    @BeforeAll
    static void start() {
        store = new DataLayer();
        holder = store.bean(SeatHolder.class);
        seats = store.bean(SeatBatches.class);
        table = store.bean(Table.class);
        queue = new AllocationQueueItems(store.bean(Table.class));
        outcomes = new AllocationOutcomeItems(store.bean(Table.class));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void aHoldWhoseGuardSeatWasTakenMeanwhileHoldsNothing() {
        Event event = store.newEvent(1, 6);
        // alice's pick 1-3..1-4 strands nobody while 1-1 is free (1-2 keeps a free neighbour); bob takes 1-1 first
        holder.holdSeats(new Caller("bob", false), event, pick("1-1"), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> holder.holdSeats(new Caller("alice", false), event,
                new SeatHolder.Pick(ids("1-3", "1-4"), ids("1-1")), Optional.empty(), Optional.empty()))
                .isInstanceOf(SeatHolder.GuardLostException.class)
                .satisfies(lost -> assertThat(((SeatHolder.GuardLostException) lost).guards()).containsExactly("1-1"));
        assertThat(seats.read(event, ids("1-3", "1-4")).values())
                .allSatisfy(seat -> assertThat(seat.status()).isEqualTo(SeatStatus.AVAILABLE));
    }

    @Test
    void aGuardSeatIsOnlyCheckedNeverTaken() {
        Event event = store.newEvent(1, 6);

        holder.holdSeats(new Caller("alice", false), event, new SeatHolder.Pick(ids("1-3", "1-4"), ids("1-1", "1-6")),
                Optional.empty(), Optional.empty());

        assertThat(seats.read(event, ids("1-1", "1-6")).values())
                .allSatisfy(seat -> assertThat(seat.status()).isEqualTo(SeatStatus.AVAILABLE));
    }

    @Test
    void theTwentyFirstHoldOfAUserForAnEventInAnHourIsRefusedAndCountsNothing() {
        Event event = store.newEvent(3, 10);
        Event other = store.newEvent(1, 2);
        ReleaseHold releaser = store.bean(ReleaseHold.class);
        for (int i = 1; i <= 20; i++) {
            Hold hold = holder.holdSeats(new Caller("carol", false), event, pick("1-" + (1 + i % 10)), Optional.empty(),
                    Optional.empty());
            releaser.end(hold.id(), HoldStatus.RELEASED);
        }

        assertThatThrownBy(() -> holder.holdSeats(new Caller("carol", false), event, pick("2-2"), Optional.empty(),
                Optional.empty())).isInstanceOf(TooManyRequestsException.class);
        assertThat(seats.read(event, ids("2-2")).get(SeatId.parse("2-2")).status()).isEqualTo(SeatStatus.AVAILABLE);
        holder.holdSeats(new Caller("carol", false), other, pick("1-1"), Optional.empty(), Optional.empty());

        store.clock.advance(Duration.ofHours(1));
        holder.holdSeats(new Caller("carol", false), event, pick("2-2"), Optional.empty(), Optional.empty());
    }

    @Test
    void aQueuedRequestIsAnsweredByItsHoldExactlyOnce() {
        Event event = store.newEvent(1, 4);
        AllocationRequest request = enqueue(event, "dave");

        Hold hold = holder.holdSeats(new Caller("dave", false), event, pick("1-1", "1-2"), Optional.empty(),
                Optional.empty(), Optional.of(request), 1);

        assertThat(AllocationOutcomeItems.outcomeOf(table.client().getItem(outcomes.read(request.id())).item()))
                .hasValueSatisfying(outcome -> assertThat(outcome.holdId()).isEqualTo(hold.id()));
        assertThat(queue.waiting(event.id(), 10, Runnable::run)).isEmpty();
        assertThatThrownBy(() -> holder.holdSeats(new Caller("dave", false), event, pick("1-3", "1-4"),
                Optional.empty(), Optional.empty(), Optional.of(request), 2))
                .isInstanceOf(SeatHolder.RequestWithdrawnException.class);
        assertThat(seats.read(event, ids("1-3")).get(SeatId.parse("1-3")).status()).isEqualTo(SeatStatus.AVAILABLE);
    }

    @Test
    void aRequestWithdrawnByItsRequesterGetsNoHold() {
        Event event = store.newEvent(1, 4);
        AllocationRequest request = enqueue(event, "erin");

        assertThat(table.writeAlone(queue.dequeue(request))).as("withdrawn").isTrue();

        assertThatThrownBy(() -> holder.holdSeats(new Caller("erin", false), event, pick("1-1", "1-2"),
                Optional.empty(), Optional.empty(), Optional.of(request), 1))
                .isInstanceOf(SeatHolder.RequestWithdrawnException.class);
        assertThat(table.writeAlone(queue.dequeue(request))).as("already gone").isFalse();
    }

    @Test
    void theQueueIsReadInArrivalOrderAcrossItsShards() {
        Event event = store.newEvent(1, 4);
        List<String> arrivals = new java.util.ArrayList<>();
        for (int i = 0; i < 3 * AllocationQueueItems.SHARDS; i++) {
            arrivals.add(enqueue(event, "f" + i).id());
            store.clock.advance(Duration.ofMillis(5));
        }

        List<String> order = queue.waiting(event.id(), 100, Runnable::run).stream()
                .map(AllocationRequest::id).toList();

        assertThat(order).containsExactlyElementsOf(arrivals);
        assertThat(queue.waiting(event.id(), 5, Runnable::run)).extracting(AllocationRequest::id)
                .containsExactlyElementsOf(arrivals.subList(0, 5));
    }

    @Test
    void aViewKeptFromAnEarlierTurnLosesItsRaceAndPicksAgainButNeverRefusesFromIt() {
        Event event = store.newEvent(1, 8);
        BestAvailableRequests allocator = store.bean(BestAvailableRequests.class);
        assertThat(allocator.request(new Caller("kim", false), event, 2, true, SeatPreference.ANY, Optional.empty(), Optional.empty())
                .hold().seats()).extracting(HeldSeat::id).containsExactly("1-3", "1-4");
        // picked by id since, and never projected: the allocator's kept view still has them free
        holder.holdSeats(new Caller("lou", false), event, pick("1-1", "1-2", "1-5", "1-6"), Optional.empty(),
                Optional.empty());

        PlacedHold second = allocator.request(new Caller("max", false), event, 2, true, SeatPreference.ANY, Optional.empty(), Optional.empty());

        assertThat(second.hold().seats()).extracting(HeldSeat::id).containsExactly("1-7", "1-8");
        assertThat(second.attempts()).as("picked again after a lost race").isGreaterThan(1);
        assertThatThrownBy(() -> allocator.request(new Caller("ned", false), event, 2, true, SeatPreference.ANY, Optional.empty(),
                Optional.empty())).hasMessageContaining("No 2 adjacent seats");
    }

    @Test
    void aRequestIsPlacedOnceTheLeaseOfAVanishedAllocatorRunsOut() throws Exception {
        Event event = store.newEvent(2, 6);
        AllocationLeaseItems leases = new AllocationLeaseItems(store.bean(Table.class));
        // an allocator that took the lease and vanished without giving it up
        assertThat(table.writeAlone(leases.take(event.id(), "ghost", store.clock.instant(), EventAllocator.LEASE))).isTrue();
        BestAvailableRequests allocator = store.bean(BestAvailableRequests.class);

        Caller frank = new Caller("frank", false);
        PlacedHold pending = allocator.request(frank, event, 2, true, SeatPreference.ANY, Optional.empty(), Optional.empty());
        assertThat(pending.isPending()).as("nobody places it while the vanished allocator's lease lasts").isTrue();
        assertThat(allocator.follow(frank, event, pending.pendingRequest()).isPending()).isTrue();
        store.clock.advance(EventAllocator.LEASE.plusMillis(1));

        // the next poll finds the lease run out and asks for an allocator, which places it
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        PlacedHold hold = allocator.follow(frank, event, pending.pendingRequest());
        while (hold.isPending() && System.nanoTime() < giveUp) {
            Thread.sleep(50);
            hold = allocator.follow(frank, event, pending.pendingRequest());
        }
        assertThat(hold.hold().seats()).extracting(HeldSeat::id).containsExactly("1-3", "1-4");
        assertThat(queue.waiting(event.id(), 10, Runnable::run)).isEmpty();
    }

    @Test
    void aTogetherRequestIsRefusedOnlyWhenTheHallHasNoFittingBlock() {
        Event event = store.newEvent(1, 5);
        holder.holdSeats(new Caller("gina", false), event, pick("1-3"), Optional.empty(), Optional.empty());
        BestAvailableRequests allocator = store.bean(BestAvailableRequests.class);

        assertThatThrownBy(() -> allocator.request(new Caller("hank", false), event, 3, true, SeatPreference.ANY, Optional.empty(),
                Optional.empty()))
                .isInstanceOfSatisfying(dev.ticketing.problems.TicketingException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.type()).isEqualTo("not-enough-seats");
                })
                .hasMessageContaining("No 3 adjacent seats");
        assertThat(allocator.request(new Caller("hank", false), event, 2, true, SeatPreference.ANY, Optional.empty(), Optional.empty())
                .hold().seats()).hasSize(2);
    }

    private static AllocationRequest enqueue(Event event, String user) {
        String id = java.util.UUID.randomUUID().toString();
        var now = store.clock.instant();
        AllocationRequest request = new AllocationRequest(id, event.id(), user, 2, true, now, Optional.empty(),
                Optional.empty(), AllocationQueueItems.position(now, id), dev.ticketing.holds.model.SeatPreference.ANY);
        assertThat(table.writeAlone(queue.enqueue(request))).isTrue();
        return request;
    }

    private static SeatHolder.Pick pick(String... seatIds) {
        return SeatHolder.Pick.of(ids(seatIds));
    }

    private static List<SeatId> ids(String... seatIds) {
        return List.of(seatIds).stream().map(SeatId::parse).toList();
    }
}
