package dev.ticketing.store;

import dev.ticketing.store.Table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.model.Event;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.testing.DataLayer;
import dev.ticketing.store.Transaction.Role;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a cancelled transaction is read: by role and id, and turned into the client's problem in one place. */
class TransactionOutcomesIT {
    private static DataLayer store;
    private static Table table;
    private static SeatItems seats;

    @BeforeAll
    static void start() {
        store = new DataLayer();
        table = store.bean(Table.class);
        seats = new SeatItems(store.bean(Table.class));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void aCommittedTransactionContestsNothing() {
        Event event = store.newEvent(1, 3);
        TransactionResult result = table.transaction().add(Role.SEAT, "1-1", take(event, 1, 1)).commit();

        assertThat(result.committed()).isTrue();
        assertThat(result.contested(Role.SEAT)).isFalse();
    }

    @Test
    void aCancelledTransactionNamesTheContestedItemsByRoleAndId() {
        Event event = store.newEvent(1, 3);
        table.transaction().add(Role.SEAT, "1-2", take(event, 1, 2)).commit();

        TransactionResult result = table.transaction()
                .add(Role.SEAT, "1-1", take(event, 1, 1))
                .add(Role.SEAT, "1-2", take(event, 1, 2))
                .add(Role.SEAT, "1-3", take(event, 1, 3))
                .commit();

        assertThat(result.committed()).isFalse();
        assertThat(result.contestedSeats()).containsExactly("1-2");
        assertThat(result.contested(Role.HOLD)).isFalse();
        assertThat(result.asProblem()).isInstanceOfSatisfying(SeatsUnavailableException.class,
                problem -> assertThat(problem.unavailableSeats()).containsExactly("1-2"));
    }

    @Test
    void anotherContestedItemIsAConcurrentUpdateToTryAgain() {
        Event event = store.newEvent(1, 3);
        table.transaction().add(Role.EVENT, seats.take(event, new SeatId(1, 1), "h", "t", "u", later(), now())).commit();

        TransactionResult result = table.transaction()
                .add(Role.EVENT, seats.take(event, new SeatId(1, 1), "h2", "t2", "u2", later(), now())).commit();

        assertThat(result.contested(Role.EVENT)).isTrue();
        assertThat(result.asProblem()).isInstanceOfSatisfying(ConflictException.class,
                problem -> assertThat(problem.type()).isEqualTo("concurrent-update"));
    }

    private static software.amazon.awssdk.services.dynamodb.model.TransactWriteItem take(Event event, int row, int column) {
        return seats.take(event, new SeatId(row, column), UUID.randomUUID().toString(), "t", "u", later(), now());
    }

    private static Instant now() {
        return store.clock.instant();
    }

    private static Instant later() {
        return now().plusSeconds(600);
    }
}
