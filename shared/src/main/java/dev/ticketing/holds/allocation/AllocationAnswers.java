package dev.ticketing.holds.allocation;

import dev.ticketing.config.BestAvailableConfig;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems.Outcome;
import dev.ticketing.holds.allocation.items.AllocationQueueItems;
import dev.ticketing.holds.allocation.items.AllocationRequest;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The answers to queued best-available requests, as both sides see them: the allocator records a refusal, the
 * requester withdraws a request past its deadline, and either reads what was recorded. A request is answered exactly
 * once: the answer is written in the transaction that takes it out of its event's queue, and a hold's answer in the
 * hold's own transaction ({@code SeatHolder}).
 */
@Singleton
public class AllocationAnswers {
    private final Table table;
    private final AllocationQueueItems queue;
    private final AllocationOutcomeItems outcomes;
    private final BestAvailableConfig config;
    private final Clock clock;

    public AllocationAnswers(Table table, BestAvailableConfig config, Clock clock) {
        this.table = table;
        this.queue = new AllocationQueueItems(table);
        this.outcomes = new AllocationOutcomeItems(table);
        this.config = config;
        this.clock = clock;
    }

    /** Takes the request out of its queue with this answer; false when it was answered or withdrawn already. */
    public boolean record(AllocationRequest request, Outcome outcome) {
        return table.transaction()
                .add(Role.ALLOCATION_REQUEST, queue.dequeue(request))
                .add(Role.ALLOCATION_OUTCOME, outcomes.record(request.id(), request.userId(), outcome, clock.instant()))
                .commit().committed();
    }

    /** The answer recorded for a request (a strongly consistent read), and who asked; empty while it is queued. */
    public Optional<Recorded> read(String requestId) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                table.client().getItem(outcomes.read(requestId)).item();
        return AllocationOutcomeItems.outcomeOf(item)
                .map(outcome -> new Recorded(outcome, AllocationOutcomeItems.askerOf(item)));
    }

    /** A recorded answer, and who asked (only they may read it). */
    public record Recorded(Outcome outcome, String userId) {
    }

    /** 409 {@code not-enough-seats}: a view read in full had no fitting block (the only refusal for want of seats). */
    public static ConflictException notEnoughSeats(AllocationRequest request) {
        return notEnoughSeats(request.quantity(), request.together());
    }

    public static ConflictException notEnoughSeats(int quantity, boolean together) {
        return new ConflictException("not-enough-seats", "Not enough seats",
                together
                        ? "No " + quantity + " adjacent seats are available in one row"
                        : "Fewer than " + quantity + " seats are available",
                Map.of("quantity", quantity));
    }

    /** 503 {@code best-available-busy}: the request was not placed within {@code BEST_AVAILABLE_DEADLINE}. */
    public ServiceUnavailableException busy(int quantity) {
        return new ServiceUnavailableException("best-available-busy", "Too many buyers at once",
                "Your request for " + quantity + " seats waited " + config.deadline().toMillis()
                        + " ms for its turn without being placed; nothing was held, please try again",
                Map.of("quantity", quantity));
    }
}
