package dev.ticketing.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.testing.DataLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The active-hold limit with no slot read up front: a hold claims the user's first slot in its transaction, and only
 * when that slot is taken are the user's slots queried and the hold tried with a free one. Real threads against the
 * real store, with one and with two open holds allowed per user.
 */
class ActiveHoldSlotsIT {
    @Test
    void manyUsersEachSendingSeveralHoldsAtOnceGetOneHoldEachAndTheRestAre409NamingIt() throws Exception {
        try (DataLayer store = new DataLayer(1)) {
            int users = 12;
            int perUser = 4;
            Event event = store.newEvent(users, perUser);
            List<Callable<Outcome>> requests = new ArrayList<>();
            for (int u = 1; u <= users; u++) {
                for (int c = 1; c <= perUser; c++) {
                    requests.add(holdCall(store, event, "user" + u, new SeatId(u, c)));
                }
            }

            List<Outcome> outcomes = allAtOnce(requests);

            Map<String, List<Outcome>> byUser = outcomes.stream().collect(Collectors.groupingBy(Outcome::user));
            assertThat(byUser).hasSize(users);
            byUser.forEach((user, answers) -> {
                List<Outcome> held = answers.stream().filter(answer -> answer.holdId() != null).toList();
                assertThat(held).as(user).hasSize(1);
                assertThat(answers).as(user).filteredOn(answer -> answer.holdId() == null)
                        .allSatisfy(refused -> {
                            assertThat(refused.problem().type()).isEqualTo("active-hold-limit");
                            assertThat(refused.problem().extensions().get("activeHoldIds"))
                                    .isEqualTo(List.of(held.get(0).holdId()));
                        });
            });
            assertThat(reservedSeats(store, event)).hasSize(users);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTwoSlotsASecondHoldTakesTheFreeSlotAndAThirdIs409NamingBoth() {
        try (DataLayer store = new DataLayer(2)) {
            Event event = store.newEvent(1, 4);
            Hold first = hold(store, event, "ann", new SeatId(1, 1));
            Hold second = hold(store, event, "ann", new SeatId(1, 2));

            assertThatThrownBy(() -> hold(store, event, "ann", new SeatId(1, 3)))
                    .isInstanceOfSatisfying(ConflictException.class, limit -> {
                        assertThat(limit.type()).isEqualTo("active-hold-limit");
                        assertThat((List<Object>) limit.extensions().get("activeHoldIds"))
                                .containsExactlyInAnyOrder(first.id(), second.id());
                    });
            assertThat(reservedSeats(store, event)).containsExactlyInAnyOrder("1-1", "1-2");

            store.bean(ReleaseHold.class).end(first.id(), HoldStatus.RELEASED);
            Hold third = hold(store, event, "ann", new SeatId(1, 3));
            assertThat(third.status()).as("slot 0, freed by the release").isEqualTo(HoldStatus.ACTIVE);
        }
    }

    @Test
    void withTwoSlotsConcurrentHoldsOfOneUserGetExactlyTwo() throws Exception {
        try (DataLayer store = new DataLayer(2)) {
            int attempts = 8;
            Event event = store.newEvent(1, attempts);
            List<Callable<Outcome>> requests = new ArrayList<>();
            for (int c = 1; c <= attempts; c++) {
                requests.add(holdCall(store, event, "bea", new SeatId(1, c)));
            }

            List<Outcome> outcomes = allAtOnce(requests);

            assertThat(outcomes).filteredOn(outcome -> outcome.holdId() != null).hasSize(2);
            assertThat(outcomes).filteredOn(outcome -> outcome.holdId() == null)
                    .allSatisfy(refused -> assertThat(refused.problem().type()).isEqualTo("active-hold-limit"));
            assertThat(reservedSeats(store, event)).hasSize(2);
        }
    }

    @Test
    void aUserAtTheLimitIsToldSoEvenForSeatsSomeoneElseHas() {
        try (DataLayer store = new DataLayer(1)) {
            Event event = store.newEvent(1, 4);
            hold(store, event, "cal", new SeatId(1, 1));
            hold(store, event, "dan", new SeatId(1, 2));

            assertThatThrownBy(() -> hold(store, event, "cal", new SeatId(1, 2)))
                    .isInstanceOfSatisfying(ConflictException.class,
                            limit -> assertThat(limit.type()).isEqualTo("active-hold-limit"));
        }
    }

    /** What one request got: its hold, or the problem it was refused with. */
    private record Outcome(String user, String holdId, TicketingException problem) {
    }

    private static Hold hold(DataLayer store, Event event, String user, SeatId seat) {
        return store.bean(SeatHolder.class).holdSeats(new Caller(user, false), event, SeatHolder.Pick.of(List.of(seat)),
                Optional.empty(), store.bean(ActiveHoldGuard.class).firstSlot());
    }

    private static Callable<Outcome> holdCall(DataLayer store, Event event, String user, SeatId seat) {
        return () -> {
            try {
                return new Outcome(user, hold(store, event, user, seat).id(), null);
            } catch (TicketingException refused) {
                return new Outcome(user, null, refused);
            }
        };
    }

    /** Runs every request on its own thread, all released at once; their outcomes. */
    private static List<Outcome> allAtOnce(List<Callable<Outcome>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CyclicBarrier start = new CyclicBarrier(requests.size());
            List<Future<Outcome>> answers = new ArrayList<>();
            for (Callable<Outcome> request : requests) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.call();
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> answer : answers) {
                try {
                    outcomes.add(answer.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException failed) {
                    throw new AssertionError("a request failed with something other than a problem", failed.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> reservedSeats(DataLayer store, Event event) {
        List<SeatId> all = new ArrayList<>();
        for (int row = 1; row <= event.rows(); row++) {
            for (int column = 1; column <= event.columns(); column++) {
                all.add(new SeatId(row, column));
            }
        }
        return store.bean(SeatBatches.class).read(event, all).entrySet().stream()
                .filter(seat -> seat.getValue().status() == SeatStatus.RESERVED)
                .map(seat -> seat.getKey().toString())
                .toList();
    }
}
