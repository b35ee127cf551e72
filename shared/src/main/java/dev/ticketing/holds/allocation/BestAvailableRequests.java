package dev.ticketing.holds.allocation;

import dev.ticketing.config.BestAvailableConfig;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.allocation.AllocationAnswers.Recorded;
import dev.ticketing.holds.allocation.items.AllocationLeaseItems;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems.Outcome;
import dev.ticketing.holds.allocation.items.AllocationQueueItems;
import dev.ticketing.holds.allocation.items.AllocationRequest;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.PlacedHold;
import dev.ticketing.holds.model.SeatPreference;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A best-available request as the API sees it: queued for its event's allocator ({@link EventAllocator}, which runs
 * in a function of its own), then waited for at most {@code BEST_AVAILABLE_WAIT}, so no API function waits on the
 * allocator (issue 25: concurrency is arrivals x time in the function).
 *
 * <p>In: the request (quantity, together, preference, idempotency key, active-hold slot). Out: the hold, a refusal
 * thrown as the allocator recorded it (409 {@code not-enough-seats}, a hold rule's problem), a 503
 * {@code best-available-busy} once the request has waited {@code BEST_AVAILABLE_DEADLINE}, or
 * {@link PlacedHold#pending} with the id its {@code 202}'s {@code Location} names, to {@link #follow}.
 *
 * <p>Whoever queues a request reads the event's lease (one strongly consistent read, after the queue entry is written)
 * and asks for the allocator ({@link AllocationTrigger}) when nobody holds it. Nothing is lost between the two: an
 * allocator looks at the queue again after giving the lease up, so a request queued before that look is its own, and
 * one queued after it finds the lease free. A poll of a request still queued asks again once the lease it last saw
 * has run out: the repair for an allocator that vanished, or an ask that was lost.
 */
@Singleton
public class BestAvailableRequests {
    /** How often a waiting request looks for its answer. */
    static final Duration POLL = Duration.ofMillis(50);
    /** Every how many looks for its answer a waiting request also looks at the lease (about every 0.2 s). */
    static final int LEASE_LOOKS = 4;

    /** Events whose lease this instance saw taken lately, and until when (bounded: cleared past LEASES_KEPT). */
    private final Map<String, Instant> leaseSeenUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int LEASES_KEPT = 1_024;

    private final Table table;
    private final AllocationQueueItems queue;
    private final AllocationLeaseItems leases;
    private final AllocationAnswers answers;
    private final AllocationTrigger trigger;
    private final HoldReader holds;
    private final BestAvailableConfig config;
    private final Clock clock;

    public BestAvailableRequests(Table table, AllocationAnswers answers, AllocationTrigger trigger, HoldReader holds,
                                 BestAvailableConfig config, Clock clock) {
        this.table = table;
        this.queue = new AllocationQueueItems(table);
        this.leases = new AllocationLeaseItems(table);
        this.answers = answers;
        this.trigger = trigger;
        this.holds = holds;
        this.config = config;
        this.clock = clock;
    }

    /** Queues the request and waits for its answer at most {@code BEST_AVAILABLE_WAIT} (see the class comment). */
    public PlacedHold request(Caller caller, Event event, int quantity, boolean together, SeatPreference preference,
                              Optional<IdempotencyKeys.Key> key, Optional<ActiveHoldGuard.Slot> slot) {
        Instant arrival = clock.instant();
        // the id carries the arrival, so a poll finds the queue entry by its key
        String id = arrival.toEpochMilli() + "-" + UUID.randomUUID();
        AllocationRequest request = new AllocationRequest(id, event.id(), caller.userId(), quantity, together, arrival,
                slot.map(ActiveHoldGuard.Slot::number), key, AllocationQueueItems.position(arrival, id), preference);
        table.writeAlone(queue.enqueue(request));
        startAllocatorIfIdle(request, false);
        return await(request, arrival.plus(config.answerWithin()));
    }

    /**
     * {@code GET /events/{eventId}/holds/requests/{requestId}}: the answer to the caller's queued request as it stands,
     * never waited for (the page polls again): the hold, the refusal thrown (a request past its deadline is withdrawn
     * now: 503), or still pending. Another user's request, or one that does not exist, is 404. Asking again answers
     * the same.
     */
    public PlacedHold follow(Caller caller, Event event, String requestId) {
        Instant arrival = arrivalOf(requestId).orElseThrow(() -> unknownRequest(requestId));
        // the queue entry first: a request still pending (most polls in a rush) costs this read and the lease's
        Map<String, AttributeValue> queued = table.client()
                .getItem(queue.read(event.id(), AllocationQueueItems.position(arrival, requestId))).item();
        if (queued == null || queued.isEmpty()) {
            // answered already, or never asked (by this caller) at all
            return answeredTo(caller, requestId).orElseThrow(() -> unknownRequest(requestId));
        }
        AllocationRequest request = AllocationQueueItems.requestOf(event.id(), queued);
        if (!request.userId().equals(caller.userId())) {
            throw unknownRequest(requestId);
        }
        if (!clock.instant().isBefore(request.createdAt().plus(config.deadline()))) {
            return withdraw(request);
        }
        // a poll asks for the allocator only as a repair (a vanished allocator's lease has run out, a lost ask), so
        // a lease seen taken is believed until it runs out
        startAllocatorIfIdle(request, true);
        return PlacedHold.pending(request.id());
    }

    /**
     * Looks for the request's answer until {@code until}, and at the lease now and then (an allocator that vanished
     * leaves it to run out). At the request's deadline it is withdrawn with a recorded 503, unless answered at that
     * moment.
     */
    private PlacedHold await(AllocationRequest request, Instant until) {
        Instant deadline = request.createdAt().plus(config.deadline());
        for (int look = 0; ; look++) {
            Instant now = clock.instant();
            // not looked for the moment it is queued (no allocator answers that fast), unless the wait is over
            if (look > 0 || !now.isBefore(until)) {
                Optional<Recorded> recorded = answers.read(request.id());
                if (recorded.isPresent()) {
                    return resolve(recorded.get().outcome());
                }
                now = clock.instant();
            }
            if (!now.isBefore(deadline)) {
                return withdraw(request);
            }
            if (!now.isBefore(until)) {
                return PlacedHold.pending(request.id());
            }
            if (look > 0 && look % LEASE_LOOKS == 0) {
                startAllocatorIfIdle(request, true);
            }
            sleep(Math.max(1, Math.min(POLL.toMillis(), Duration.between(now, until).toMillis())));
        }
    }

    /** Withdraws a request past its deadline with a recorded 503, unless it was answered at that moment. */
    private PlacedHold withdraw(AllocationRequest request) {
        answers.record(request, Outcome.refused(answers.busy(request.quantity())));
        // withdrawn now, or answered just before: either way the answer is recorded
        return resolve(answers.read(request.id()).map(Recorded::outcome)
                .orElseThrow(() -> answers.busy(request.quantity())));
    }

    /**
     * Asks for the event's allocator if its lease is free. A request just queued reads the lease ({@code believeSeen}
     * false): that read must come after its queue entry, for the allocator's last look at the queue to cover it. A
     * repair may believe a lease this instance saw taken, until it runs out. Where there is nowhere to ask (a
     * deployment fault) the request is withdrawn and the 503 thrown.
     */
    private void startAllocatorIfIdle(AllocationRequest request, boolean believeSeen) {
        Instant now = clock.instant();
        Instant seen = leaseSeenUntil.get(request.eventId());
        if (believeSeen && seen != null && now.isBefore(seen)) {
            return;
        }
        Optional<Instant> until = AllocationLeaseItems.heldUntil(
                table.client().getItem(leases.read(request.eventId())).item()).filter(now::isBefore);
        if (until.isPresent()) {
            if (leaseSeenUntil.size() >= LEASES_KEPT) {
                leaseSeenUntil.clear();
            }
            leaseSeenUntil.put(request.eventId(), until.get());
            return;
        }
        leaseSeenUntil.remove(request.eventId());
        try {
            trigger.start(request.eventId());
        } catch (ServiceUnavailableException nowhere) {
            answers.record(request, Outcome.refused(nowhere));
            throw nowhere;
        }
    }

    private Optional<PlacedHold> answeredTo(Caller caller, String requestId) {
        Optional<Recorded> recorded = answers.read(requestId);
        if (recorded.isPresent() && !caller.userId().equals(recorded.get().userId())) {
            throw unknownRequest(requestId);
        }
        return recorded.map(Recorded::outcome).map(this::resolve);
    }

    private PlacedHold resolve(Outcome outcome) {
        if (outcome.problem() != null) {
            throw outcome.problem();
        }
        Hold hold = holds.find(outcome.holdId())
                .orElseThrow(() -> new IllegalStateException("allocated hold " + outcome.holdId() + " not found"));
        return new PlacedHold(hold, outcome.attempts(), false);
    }

    private static Optional<Instant> arrivalOf(String requestId) {
        int dash = requestId.indexOf('-');
        if (dash < 1 || dash > 13 || requestId.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(requestId.substring(0, dash))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static NotFoundException unknownRequest(String requestId) {
        return new NotFoundException("No hold request " + requestId + " of yours for this event");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for seats", e);
        }
    }
}
