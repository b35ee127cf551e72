package dev.ticketing.holds.allocation;

import dev.ticketing.holds.model.PlacedHold;
import dev.ticketing.config.BestAvailableConfig;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.allocation.items.AllocationLeaseItems;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems;
import dev.ticketing.holds.allocation.items.AllocationQueueItems;
import dev.ticketing.holds.allocation.items.AllocationRequest;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.SeatPreference;
import dev.ticketing.seats.model.RowRanking;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.problems.ServiceUnavailableException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.seats.choice.LoneSeats;
import dev.ticketing.seats.choice.SeatChooser;
import dev.ticketing.seats.choice.SeatGrid;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.map.items.SeatMapBlockItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.holds.allocation.items.AllocationOutcomeItems.Outcome;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best available without a crowd colliding on the same seats: one allocator per event places requests in arrival
 * order against an exact view, and a request is refused only when that view has no fitting block.
 *
 * <p>A request joins its event's queue ({@link AllocationQueueItems}, ordered by arrival) and then either becomes the
 * event's allocator, by taking its lease ({@link AllocationLeaseItems}), or waits for its answer
 * ({@link AllocationOutcomeItems}). The allocator reads the queue and the event's seats strongly consistently, and
 * plans the waiting requests one after another, first come first served: the best block for each from the view with
 * the blocks of those before it taken. Each is held in ONE conditional transaction that also checks the seats its not
 * stranding anyone rests on and takes the request out of the queue with its answer; blocks far enough apart are
 * committed in parallel waves (see {@link #place}). The view ({@link KeptView}) is read whole once per instance and
 * kept between turns: each turn brings it forward from the seat-map projection's block items (only seats whose
 * version moved) and from what this allocator holds; a lost race (a seat picked by id meanwhile, not yet projected)
 * marks the seat taken and picks again, and a request with no fitting block is refused only if every seat was read
 * (strongly consistently) in this round and after the last lost race, else the seats are read again first. It renews
 * the lease as it goes and gives it up when the queue is empty or its own request's deadline comes; any waiter then
 * takes over. Per request, the event's hot items see half a read unit on the lease (looked at before a take is tried)
 * and a queue entry's put and delete on one of {@link AllocationQueueItems#SHARDS} partitions.
 *
 * <p>The lease and the queue only keep the crowd from colliding: every hold is still a conditional transaction on
 * every seat, so two allocators at once (an expired lease) are slower, never wrong. In one process the allocator
 * hands answers straight to the requests waiting there; elsewhere waiters poll their answer every
 * {@link #POLL} and try the lease. A request not placed by {@code BEST_AVAILABLE_DEADLINE} is withdrawn (503).
 */
@Singleton
public class EventAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(EventAllocator.class);
    /** How long the lease lasts unless renewed: a vanished allocator delays the queue by at most this. */
    public static final Duration LEASE = Duration.ofSeconds(2);
    /** How often a request whose allocator runs elsewhere looks for its answer and for a free lease. */
    static final Duration POLL = Duration.ofMillis(100);
    /**
     * The shortest turn an allocator takes once it has the lease (unless the queue empties first, or its own request's
     * deadline comes): a turn as short as the API's 0.1 s wait would be spent taking the lease and reading the queue
     * and the view, with no time left to hold anything. Only the request that runs the turn waits this long; every
     * other request is answered (or 202) within its wait, so it costs one function per event at a time.
     */
    static final Duration TURN = Duration.ofMillis(500);
    /** Requests read from the queue per round. */
    static final int BATCH = 100;
    /** Most holds committed at once in one wave of a round. */
    static final int WAVE = 32;
    /** How far past the earliest open request a wave may reach, so commits stay close to arrival order. */
    static final int WAVE_WINDOW = 96;

    /** Answers an instance remembers (for polls that land on it) at most. */
    static final int ANSWERS_KEPT = 10_000;
    /** Events whose view an instance keeps at most; past it the views are dropped and read again when needed. */
    static final int KEPT_VIEWS = 32;

    private final Table table;
    private final AllocationLeaseItems leases;
    private final AllocationQueueItems queue;
    private final AllocationOutcomeItems outcomes;
    private final SeatHolder holder;
    private final SeatBatches seats;
    private final SeatMapBlockItems blocks;
    private final HoldReader holds;
    private final BestAvailableConfig config;
    private final Clock clock;
    private final SeatChooser chooser = new SeatChooser();
    /** Commits the holds of a wave in parallel. */
    private final java.util.concurrent.ExecutorService committers = java.util.concurrent.Executors.newFixedThreadPool(WAVE,
            runnable -> {
                Thread thread = new Thread(runnable, "allocator-commit");
                thread.setDaemon(true);
                return thread;
            });
    private final String instance = UUID.randomUUID().toString();
    /** The seats each preference allows, per event ({@link #eligible}): plain values, rebuilt when forgotten. */
    private final Map<String, SeatGrid> eligibleSeats = new ConcurrentHashMap<>();
    private static final int ELIGIBLE_KEPT = 256;
    /** Blocks looked at for an accessible request, the first with a wheelchair place taken. */
    private static final int ACCESSIBLE_CANDIDATES = 64;
    /** Requests waiting in this process, for an allocator here to hand their answer to directly. */
    private final Map<String, CompletableFuture<Outcome>> waiting = new ConcurrentHashMap<>();
    /** Events this process is allocating right now: their waiters here need not poll. */
    private final Map<String, AtomicInteger> allocating = new ConcurrentHashMap<>();
    /** Requests asked in this process lately and not answered here yet (a poll that lands here need not read them). */
    private final Map<String, AllocationRequest> askedHere = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AllocationRequest> eldest) {
                    return size() > ANSWERS_KEPT;
                }
            });
    /** Answers recorded by this process lately, so a poll that lands here reads no table: request id -> answer. */
    private final Map<String, Answered> answeredHere = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Answered> eldest) {
                    return size() > ANSWERS_KEPT;
                }
            });
    /** The view of each event this process allocated for, kept between its turns (guarded by itself). */
    private final Map<String, KeptView> views = new ConcurrentHashMap<>();
    /** Completed when this process gives up an event's lease, so its waiters here try to take it at once. */
    private final Map<String, CompletableFuture<Void>> leaseFreed = new ConcurrentHashMap<>();

    public EventAllocator(Table table, SeatHolder holder, SeatBatches seats, HoldReader holds,
                          BestAvailableConfig config, Clock clock) {
        this.table = table;
        this.leases = new AllocationLeaseItems(table);
        this.queue = new AllocationQueueItems(table);
        this.outcomes = new AllocationOutcomeItems(table);
        this.holder = holder;
        this.seats = seats;
        this.blocks = new SeatMapBlockItems(table);
        this.holds = holds;
        this.config = config;
        this.clock = clock;
    }

    /** Queues the request and waits for its outcome up to its deadline (placing it and others when it gets the lease). */
    public PlacedHold allocate(Caller caller, Event event, int quantity, boolean together,
                                  Optional<IdempotencyKeys.Key> key, Optional<ActiveHoldGuard.Slot> slot) {
        return allocate(caller, event, quantity, together, SeatPreference.ANY, key, slot, config.deadline());
    }

    /**
     * Queues the request and waits for its outcome at most {@code BEST_AVAILABLE_WAIT}: the hold, a refusal thrown,
     * or {@link PlacedHold#pending} to follow with {@link #follow}.
     */
    public PlacedHold request(Caller caller, Event event, int quantity, boolean together, SeatPreference preference,
                              Optional<IdempotencyKeys.Key> key, Optional<ActiveHoldGuard.Slot> slot) {
        return allocate(caller, event, quantity, together, preference, key, slot, config.answerWithin());
    }

    /**
     * Queues the request and waits for its outcome at most {@code wait} (placing it and others meanwhile when it gets
     * the lease): the hold, or a refusal thrown, or {@link PlacedHold#pending} with the request's id when it is still
     * queued, to be followed with {@link #follow}. A wait as long as the deadline never answers pending.
     */
    private PlacedHold allocate(Caller caller, Event event, int quantity, boolean together, SeatPreference preference,
                               Optional<IdempotencyKeys.Key> key, Optional<ActiveHoldGuard.Slot> slot, Duration wait) {
        Instant arrival = clock.instant();
        // the id carries the arrival, so a poll finds the queue entry by its key
        String id = arrival.toEpochMilli() + "-" + UUID.randomUUID();
        AllocationRequest request = new AllocationRequest(id, event.id(), caller.userId(), quantity, together, arrival,
                slot.map(ActiveHoldGuard.Slot::number), key, AllocationQueueItems.position(arrival, id), preference);
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            table.writeAlone(queue.enqueue(request));
            askedHere.put(id, request);
            return await(event, request, answer, arrival.plus(wait));
        } finally {
            waiting.remove(id);
        }
    }

    /**
     * {@code GET /events/{eventId}/holds/requests/{requestId}}: the outcome of the caller's queued request, waiting
     * for it at most {@code BEST_AVAILABLE_WAIT} (and placing queued requests meanwhile if the event's lease is free): the hold, the
     * refusal thrown (a request past its deadline is withdrawn now: 503), or still pending. Another user's request,
     * or one that does not exist, is 404. Asking again answers the same.
     */
    public PlacedHold follow(Caller caller, Event event, String requestId) {
        Duration wait = config.answerWithin();
        Instant arrival = arrivalOf(requestId).orElseThrow(() -> unknownRequest(requestId));
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        waiting.put(requestId, answer);
        try {
            // asked or answered in this process: no table read needed to know who asked, or what they got
            Answered known = answeredHere.get(requestId);
            AllocationRequest mine = askedHere.get(requestId);
            String asker = known != null ? known.userId() : mine != null ? mine.userId() : caller.userId();
            if (!asker.equals(caller.userId())) {
                throw unknownRequest(requestId);
            }
            if (known != null) {
                return resolve(known.outcome());
            }
            if (mine != null && allocatingHere(event.id())) {
                // the allocator runs here and hands its answers over; one from an earlier turn elsewhere is read
                // once this turn ends
                return await(event, mine, answer, clock.instant().plus(wait));
            }
            Optional<PlacedHold> answered = recordedFor(caller, requestId);
            if (answered.isPresent()) {
                return answered.get();
            }
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> queued = table.client()
                    .getItem(queue.read(event.id(), AllocationQueueItems.position(arrival, requestId))).item();
            if (queued == null || queued.isEmpty()) {
                // answered between the two reads, or never asked (by this caller) at all
                return recordedFor(caller, requestId).orElseThrow(() -> unknownRequest(requestId));
            }
            AllocationRequest request = AllocationQueueItems.requestOf(event.id(), queued);
            if (!request.userId().equals(caller.userId())) {
                throw unknownRequest(requestId);
            }
            return await(event, request, answer, clock.instant().plus(wait));
        } finally {
            waiting.remove(requestId);
        }
    }

    /**
     * Waits for a queued request's outcome until {@code until}, taking the lease and placing requests when it is
     * free. At the request's deadline it is withdrawn with a recorded 503 (unless answered at that moment).
     */
    private PlacedHold await(Event event, AllocationRequest request, CompletableFuture<Outcome> answer, Instant until) {
        Instant deadline = request.createdAt().plus(config.deadline());
        Instant stop = until.isBefore(deadline) ? until : deadline;
        while (true) {
            if (!answer.isDone() && !allocatingHere(event.id())) {
                Instant turnEnd = clock.instant().plus(TURN);
                allocate(event, turnEnd.isAfter(stop) ? (turnEnd.isBefore(deadline) ? turnEnd : deadline) : stop);
            }
            Optional<Outcome> outcome = answer.isDone() ? Optional.of(answer.join())
                    : allocatingHere(event.id()) ? Optional.empty() : recorded(request.id());
            if (outcome.isPresent()) {
                return resolve(outcome.get());
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                answer(request, Outcome.refused(busy(request.quantity())));
                // withdrawn now, or answered just before: either way the answer is recorded
                return resolve(answer.isDone() ? answer.join()
                        : recorded(request.id()).orElseThrow(() -> busy(request.quantity())));
            }
            if (!now.isBefore(stop)) {
                return PlacedHold.pending(request.id());
            }
            CompletableFuture<Void> freed = leaseFreed.computeIfAbsent(event.id(), e -> new CompletableFuture<>());
            long wait = Math.max(1, Math.min(POLL.toMillis(), Duration.between(now, stop).toMillis()));
            awaitAny(answer, freed, wait);
        }
    }

    private Optional<PlacedHold> recordedFor(Caller caller, String requestId) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                table.client().getItem(outcomes.read(requestId)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (!AllocationOutcomeItems.askedBy(item, caller.userId())) {
            throw unknownRequest(requestId);
        }
        return AllocationOutcomeItems.outcomeOf(item).map(this::resolve);
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

    /**
     * Takes the event's lease if it is free and places queued requests until the queue is empty or the deadline. The
     * lease is looked at first (an eventually consistent read): only a lease that looks free is tried, so a crowd of
     * waiters does not pay a failed conditional write each on the event's one lease item.
     */
    private void allocate(Event event, Instant deadline) {
        String owner = instance + "/" + UUID.randomUUID();
        if (AllocationLeaseItems.takenAt(table.client().getItem(leases.peek(event.id())).item(), clock.instant())
                || !table.writeAlone(leases.take(event.id(), owner, clock.instant(), LEASE))) {
            return;
        }
        allocating.computeIfAbsent(event.id(), e -> new AtomicInteger()).incrementAndGet();
        Instant[] renewed = {clock.instant()};
        java.util.function.BooleanSupplier stillLeading = () -> {
            Instant now = clock.instant();
            if (Duration.between(renewed[0], now).compareTo(LEASE.dividedBy(3)) < 0) {
                return true;
            }
            renewed[0] = now;
            return table.writeAlone(leases.take(event.id(), owner, now, LEASE));
        };
        try {
            boolean firstRound = true;
            while (clock.instant().isBefore(deadline)) {
                List<AllocationRequest> waitingRequests = queue.waiting(event.id(), BATCH, committers);
                if (waitingRequests.isEmpty()) {
                    return;
                }
                long started = System.nanoTime();
                // The view is kept by the instance between rounds and turns, brought forward at the start of each
                // turn from the projection's block items (one small read, not every seat) and with what this
                // allocator holds; what others changed since the projection caught up shows as a lost race, and
                // nobody is refused without a strongly consistent read of every seat in that round (Round#placeAlone).
                KeptView kept = views.get(event.id());
                boolean exact = kept == null || !kept.fits(event);
                if (exact) {
                    kept = KeptView.read(seats, event);
                    keep(event, kept);
                } else if (firstRound) {
                    List<SeatMapBlockItems.StoredBlock> projected = blocks.readAll(event, false);
                    synchronized (kept) {
                        kept.refresh(projected);
                    }
                }
                place(event, waitingRequests, deadline, kept, exact, stillLeading);
                firstRound = false;
                LOG.debug("event {}: placed a round of {} requests in {} ms", event.id(), waitingRequests.size(),
                        (System.nanoTime() - started) / 1_000_000);
                if (!stillLeading.getAsBoolean()) {
                    LOG.warn("allocator of event {} lost its lease", event.id());
                    return;
                }
            }
        } finally {
            table.writeAlone(leases.release(event.id(), owner));
            allocating.get(event.id()).decrementAndGet();
            CompletableFuture<Void> freed = leaseFreed.remove(event.id());
            if (freed != null) {
                freed.complete(null);
            }
        }
    }

    /**
     * One round: the requests in arrival order against one exact view, kept exact by what this round holds. The whole
     * round is planned first (each request's block chosen with the blocks of those before it taken), then committed
     * in waves: picks more than two seats apart (or in other rows) cannot change one another's neighbourhood or guards,
     * so a wave commits them in parallel, each checked against the view as the wave starts. Any pick that does not
     * hold as planned ends the pipelining: the rest of the round is placed one by one, each chosen afresh.
     */
    private void place(Event event, List<AllocationRequest> requests, Instant deadline, KeptView kept, boolean exact,
                       java.util.function.BooleanSupplier stillLeading) {
        Round round = new Round(event, deadline, kept, exact);
        List<Planned> plan = new ArrayList<>();
        SeatGrid planned = round.view;
        for (AllocationRequest request : requests) {
            if (!request.createdAt().plus(config.deadline()).isAfter(clock.instant())) {
                // its requester has given up (or is just doing so): whoever dequeues first answers
                answer(request, Outcome.refused(busy(request.quantity())));
                continue;
            }
            List<SeatId> pick = choose(event, planned, request);
            plan.add(new Planned(request, pick, !pick.isEmpty() && !LoneSeats.strandedBy(planned, pick).isEmpty()));
            planned = pick.isEmpty() ? planned : planned.taking(pick);
        }
        List<Planned> open = new ArrayList<>(plan);
        boolean asPlanned = true;
        boolean firstWave = true;
        while (asPlanned && open.stream().anyMatch(p -> !p.pick().isEmpty())) {
            // a round commits at least its first wave, however long reading the queue and the view took: a turn
            // that only ever read would place nobody when the table is slow
            if ((!firstWave && !clock.instant().isBefore(deadline)) || !stillLeading.getAsBoolean()) {
                return;
            }
            firstWave = false;
            List<Planned> wave = wave(open, round.view);
            if (wave.isEmpty()) {
                break;
            }
            SeatGrid startOfWave = round.view;
            List<CompletableFuture<Placement>> commits = wave.stream()
                    .map(p -> CompletableFuture.supplyAsync(() -> round.hold(p.request(), p.pick(), startOfWave, 1), committers))
                    .toList();
            for (int i = 0; i < wave.size(); i++) {
                Placement placement = commits.get(i).join();
                open.remove(wave.get(i));
                if (placement == Placement.LOST) {
                    open.add(0, new Planned(wave.get(i).request(), List.of(), false));
                }
                asPlanned &= placement == Placement.HELD;
            }
        }
        if (asPlanned && !round.mustReread && open.stream().allMatch(p -> p.pick().isEmpty())) {
            // every planned block was held on a view read this round: it is exact, and had no block for these
            open.forEach(p -> answer(p.request(), Outcome.refused(notEnoughSeats(p.request()))));
            return;
        }
        open.sort(java.util.Comparator.comparing(p -> p.request().position()));
        for (Planned rest : open) {
            if (!stillLeading.getAsBoolean() || !round.placeAlone(rest.request())) {
                break;
            }
        }
    }

    /** A request with the block planned for it (empty: none fitted), and whether that block strands a seat anyway. */
    private record Planned(AllocationRequest request, List<SeatId> pick, boolean strandsInPlan) {
    }

    /** A recorded answer and who asked. */
    private record Answered(String userId, Outcome outcome) {
    }

    /** How one hold attempt ended. */
    private enum Placement { HELD, LOST, ANSWERED }

    /**
     * The next wave: the earliest open picks (at most {@link #WAVE}, among the first {@link #WAVE_WINDOW} open ones)
     * that lie more than two seats from one another, share no guard, and strand nobody in {@code view} unless their
     * plan could not avoid it either.
     */
    private static List<Planned> wave(List<Planned> open, SeatGrid view) {
        List<Planned> wave = new ArrayList<>();
        java.util.Set<SeatId> zones = new java.util.HashSet<>();
        java.util.Set<SeatId> guards = new java.util.HashSet<>();
        for (Planned candidate : open.subList(0, Math.min(open.size(), WAVE_WINDOW))) {
            if (candidate.pick().isEmpty() || wave.size() == WAVE) {
                continue;
            }
            List<SeatId> pickGuards = LoneSeats.guards(view, candidate.pick());
            boolean clear = candidate.pick().stream().noneMatch(zones::contains)
                    && zone(candidate.pick()).stream().noneMatch(seat -> wave.stream()
                            .anyMatch(other -> other.pick().contains(seat)))
                    && pickGuards.stream().noneMatch(guards::contains)
                    && (candidate.strandsInPlan() || LoneSeats.strandedBy(view, candidate.pick()).isEmpty())
                    && candidate.pick().stream().allMatch(view::isFree);
            if (clear) {
                wave.add(candidate);
                zones.addAll(zone(candidate.pick()));
                guards.addAll(pickGuards);
            }
        }
        return wave;
    }

    /** The seats of a pick and the two either side of each in its row. */
    private static java.util.Set<SeatId> zone(List<SeatId> pick) {
        java.util.Set<SeatId> zone = new java.util.HashSet<>();
        for (SeatId seat : pick) {
            for (int offset = -2; offset <= 2; offset++) {
                zone.add(new SeatId(seat.row(), seat.column() + offset));
            }
        }
        return zone;
    }

    /** The view of one round and how to hold a pick against it. */
    private final class Round {
        private final Event event;
        private final Instant deadline;
        private KeptView kept;
        private SeatGrid view;
        /** Whether the view may miss what others did: kept from an earlier round, or a race was lost since. */
        private boolean mustReread;

        Round(Event event, Instant deadline, KeptView kept, boolean exact) {
            this.event = event;
            this.deadline = deadline;
            this.kept = kept;
            synchronized (kept) {
                this.view = kept.grid(clock.instant());
            }
            this.mustReread = !exact;
        }

        /**
         * Places one request on its own: chooses from the view, holds, and picks again after a lost race; refuses
         * only from a view read (strongly consistently) after the last loss. False when the allocator's time ran out.
         */
        boolean placeAlone(AllocationRequest request) {
            for (int attempt = 1; ; attempt++) {
                if (!clock.instant().isBefore(deadline)) {
                    return false;
                }
                List<SeatId> pick;
                synchronized (this) {
                    pick = choose(event, view, request);
                }
                if (pick.isEmpty()) {
                    if (mustReread) {
                        KeptView fresh = KeptView.read(seats, event);
                        keep(event, fresh);
                        synchronized (this) {
                            kept = fresh;
                            view = fresh.grid(clock.instant());
                            mustReread = false;
                        }
                        continue;
                    }
                    answer(request, Outcome.refused(notEnoughSeats(request)));
                    return true;
                }
                if (hold(request, pick, view, attempt) != Placement.LOST) {
                    return true;
                }
            }
        }

        /** One hold of {@code pick}, guarded as seen in {@code seen}; the view follows what happened. */
        Placement hold(AllocationRequest request, List<SeatId> pick, SeatGrid seen, int attempt) {
            try {
                SeatHolder.Pick held = new SeatHolder.Pick(pick, guardsFitting(seen, pick));
                Hold hold = holder.holdSeats(new Caller(request.userId(), false), event, held, request.key(),
                        request.slot().map(ActiveHoldGuard.Slot::new), Optional.of(request), attempt);
                taken(pick, false);
                deliver(request, Outcome.held(hold, attempt));
                return Placement.HELD;
            } catch (SeatsUnavailableException lost) {
                taken(lost.unavailableSeats().stream().map(SeatId::parse).toList(), true);
                return Placement.LOST;
            } catch (SeatHolder.GuardLostException lost) {
                taken(lost.guards().stream().map(SeatId::parse).toList(), true);
                return Placement.LOST;
            } catch (SeatHolder.DuplicateRequestException duplicate) {
                answer(request, Outcome.held(duplicate.firstHoldId(), attempt));
                return Placement.ANSWERED;
            } catch (SeatHolder.RequestWithdrawnException gone) {
                return Placement.ANSWERED;
            } catch (TicketingException refused) {
                answer(request, Outcome.refused(refused));
                return Placement.ANSWERED;
            }
        }

        private synchronized void taken(List<SeatId> seatsTaken, boolean lostRace) {
            view = view.taking(seatsTaken);
            synchronized (kept) {
                kept.taken(seatsTaken);
            }
            mustReread |= lostRace;
        }
    }

    /** Keeps {@code view} as this instance's view of the event (a bounded number of events at once). */
    private void keep(Event event, KeptView view) {
        if (views.size() >= KEPT_VIEWS && !views.containsKey(event.id())) {
            views.clear();
        }
        views.put(event.id(), view);
    }

    /**
     * The best pick for the request from the view: on the seats its {@link SeatPreference} lets it have (on a plan,
     * never a wheelchair place unless asked), ranked as the event's layout says.
     */
    private List<SeatId> choose(Event event, SeatGrid view, AllocationRequest request) {
        SeatPreference preference = request.preference();
        RowRanking ranking = event.layout().ranking();
        SeatGrid candidates = preference.none(event) ? view : view.onlyWhere(eligible(event, preference));
        if (request.together() || preference.accessible()) {
            // accessible: the best block with a wheelchair place in it (a companion seat alone is no answer)
            List<List<SeatId>> best = chooser.together(candidates, ranking, request.quantity(),
                    preference.accessible() ? ACCESSIBLE_CANDIDATES : 1);
            return best.stream().filter(block -> preference.fits(event, block)).findFirst().orElse(List.of());
        }
        return chooser.best(candidates, ranking, request.quantity());
    }

    /** The seats a preference allows on an event, kept per event, preference and prices (they may change). */
    private SeatGrid eligible(Event event, SeatPreference preference) {
        String key = event.id() + "|" + preference + "|" + event.prices() + "|" + event.categoryPrices();
        SeatGrid known = eligibleSeats.get(key);
        if (known == null) {
            if (eligibleSeats.size() >= ELIGIBLE_KEPT) {
                eligibleSeats.clear();
            }
            known = preference.eligible(event);
            eligibleSeats.put(key, known);
        }
        return known;
    }

    /** The pick's guards, unless they would not fit in one transaction next to everything else it writes. */
    private static List<SeatId> guardsFitting(SeatGrid view, List<SeatId> pick) {
        List<SeatId> guards = LoneSeats.guards(view, pick);
        return 2 * pick.size() + guards.size() + 7 <= Transaction.LIMIT ? guards : List.of();
    }

    /** Takes the request out of the queue with this answer, unless it was answered or withdrawn already. */
    private void answer(AllocationRequest request, Outcome outcome) {
        Instant now = clock.instant();
        boolean answered = table.transaction()
                .add(Role.ALLOCATION_REQUEST, queue.dequeue(request))
                .add(Role.ALLOCATION_OUTCOME, outcomes.record(request.id(), request.userId(), outcome, now))
                .commit().committed();
        if (answered) {
            deliver(request, outcome);
        }
    }

    /** Hands a recorded answer to its request if it waits in this process, and remembers it for a poll here. */
    private void deliver(AllocationRequest request, Outcome outcome) {
        answeredHere.put(request.id(), new Answered(request.userId(), outcome));
        askedHere.remove(request.id());
        CompletableFuture<Outcome> waiter = waiting.get(request.id());
        if (waiter != null) {
            waiter.complete(outcome);
        }
    }

    private boolean allocatingHere(String eventId) {
        AtomicInteger count = allocating.get(eventId);
        return count != null && count.get() > 0;
    }

    private Optional<Outcome> recorded(String requestId) {
        return AllocationOutcomeItems.outcomeOf(table.client().getItem(outcomes.read(requestId)).item());
    }

    private PlacedHold resolve(Outcome outcome) {
        if (outcome.problem() != null) {
            throw outcome.problem();
        }
        // handed over in this process: the hold as created; from elsewhere: read it
        Hold hold = outcome.hold() != null ? outcome.hold() : holds.find(outcome.holdId())
                .orElseThrow(() -> new IllegalStateException("allocated hold " + outcome.holdId() + " not found"));
        return new PlacedHold(hold, outcome.attempts(), false);
    }

    private static void awaitAny(CompletableFuture<Outcome> answer, CompletableFuture<Void> freed, long millis) {
        try {
            CompletableFuture.anyOf(answer, freed).get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillWaiting) {
            // poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for seats", e);
        }
    }

    @jakarta.annotation.PreDestroy
    void close() {
        committers.shutdownNow();
    }

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

    private ServiceUnavailableException busy(int quantity) {
        return new ServiceUnavailableException("best-available-busy", "Too many buyers at once",
                "Your request for " + quantity + " seats waited " + config.deadline().toMillis()
                        + " ms for its turn without being placed; nothing was held, please try again",
                Map.of("quantity", quantity));
    }
}
