package dev.ticketing.holds.allocation;

import dev.ticketing.config.BestAvailableConfig;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.allocation.items.AllocationLeaseItems;
import dev.ticketing.holds.allocation.items.AllocationQueueItems;
import dev.ticketing.holds.allocation.items.AllocationRequest;
import dev.ticketing.holds.items.ActiveHoldGuard;
import dev.ticketing.holds.model.SeatPreference;
import dev.ticketing.seats.model.RowRanking;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.SeatsUnavailableException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best available without a crowd colliding on the same seats: one allocator per event places requests in arrival
 * order against an exact view, and a request is refused only when that view has no fitting block. It runs in a
 * function of its own (AllocatorFunction, asked through {@link AllocationTrigger}), never inside an API request:
 * {@link BestAvailableRequests} queues a request and waits at most {@code BEST_AVAILABLE_WAIT} for its answer.
 *
 * <p>{@link #run} takes the event's lease ({@link AllocationLeaseItems}) and places the event's queue
 * ({@link AllocationQueueItems}, ordered by arrival) until it is empty. It reads the queue and the event's seats
 * strongly consistently, and plans the waiting requests one after another, first come first served: the best block
 * for each from the view with the blocks of those before it taken. Each is held in ONE conditional transaction that
 * also checks the seats its not stranding anyone rests on and takes the request out of the queue with its answer;
 * blocks far enough apart are committed in parallel waves (see {@link #place}). The view ({@link KeptView}) is read
 * whole once per instance and kept between runs: each run brings it forward from the seat-map projection's block
 * items (only seats whose version moved) and from what this allocator holds; a lost race (a seat picked by id
 * meanwhile, not yet projected) marks the seat taken and picks again, and a request with no fitting block is refused
 * only if every seat was read (strongly consistently) in this round and after the last lost race, else the seats are
 * read again first. It renews the lease in the background while it runs, gives it up when the queue is empty, and then looks at the queue
 * once more: a request queued before that look is placed by this run, one queued after it finds the lease free and
 * asks for a run of its own. A run stops after {@link #RUN}, and the next poll of a request still queued asks for
 * a fresh one.
 *
 * <p>The lease and the queue only keep the crowd from colliding: every hold is still a conditional transaction on
 * every seat, so two allocators at once (an expired lease) are slower, never wrong. A request not placed by
 * {@code BEST_AVAILABLE_DEADLINE} is answered 503 by whichever side dequeues it first.
 */
@Singleton
public class EventAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(EventAllocator.class);
    /** How long the lease lasts unless renewed: a vanished allocator delays the queue by at most this. */
    public static final Duration LEASE = Duration.ofSeconds(3);
    /**
     * How long one run places before it gives the lease up and stops (AllocatorFunction's timeout is 60 s): the
     * requests still queued then find the lease free at their next poll and ask for a fresh run.
     */
    static final Duration RUN = Duration.ofSeconds(40);
    /** How often a running allocator renews its lease: six tries before it runs out. */
    static final Duration RENEW_EVERY = LEASE.dividedBy(6);
    /** Renewals of one run sent and not answered at most (a table that slow will not answer a seventh sooner). */
    static final int RENEWALS_IN_FLIGHT = 4;
    /** How often a run brings its kept view forward from the seat-map projection (picks by id meanwhile). */
    static final Duration REFRESH = Duration.ofMillis(500);
    /** Requests read from the queue per round. */
    static final int BATCH = 100;
    /** Most holds committed at once in one wave of a round. */
    static final int WAVE = 32;
    /** How far past the earliest open request a wave may reach, so commits stay close to arrival order. */
    static final int WAVE_WINDOW = 96;
    /** Events whose view an instance keeps at most; past it the views are dropped and read again when needed. */
    static final int KEPT_VIEWS = 32;

    private final Table table;
    private final AllocationLeaseItems leases;
    private final AllocationQueueItems queue;
    private final AllocationAnswers answers;
    private final EventReader events;
    private final SeatHolder holder;
    private final SeatBatches seats;
    private final SeatMapBlockItems blocks;
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
    /** Renews the leases of the runs in progress. */
    private final java.util.concurrent.ScheduledExecutorService renewals =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "allocator-lease");
                thread.setDaemon(true);
                return thread;
            });
    /** Sends the renewals, each on its own (a slow one does not hold up the next). */
    private final java.util.concurrent.ExecutorService renewalWriters = java.util.concurrent.Executors.newCachedThreadPool(
            runnable -> {
                Thread thread = new Thread(runnable, "allocator-lease-renewal");
                thread.setDaemon(true);
                return thread;
            });
    private final String instance = UUID.randomUUID().toString();
    /** The seats each preference allows, per event ({@link #eligible}): plain values, rebuilt when forgotten. */
    private final Map<String, SeatGrid> eligibleSeats = new ConcurrentHashMap<>();
    private static final int ELIGIBLE_KEPT = 256;
    /** Blocks looked at for an accessible request, the first with a wheelchair place taken. */
    private static final int ACCESSIBLE_CANDIDATES = 64;
    /** The view of each event this process allocated for, kept between its runs (guarded by itself). */
    private final Map<String, KeptView> views = new ConcurrentHashMap<>();

    public EventAllocator(Table table, AllocationAnswers answers, EventReader events,
                          SeatHolder holder, SeatBatches seats, BestAvailableConfig config, Clock clock) {
        this.table = table;
        this.leases = new AllocationLeaseItems(table);
        this.queue = new AllocationQueueItems(table);
        this.answers = answers;
        this.events = events;
        this.holder = holder;
        this.seats = seats;
        this.blocks = new SeatMapBlockItems(table);
        this.config = config;
        this.clock = clock;
    }

    /**
     * Places event {@code eventId}'s queued requests until its queue is empty or {@link #RUN} has passed (then the
     * requests still queued ask for a fresh run as they poll, finding the lease free). Returns at once when another
     * allocator holds the event's lease (it looks at the queue again before it stops), when nothing is queued, or
     * when the event does not exist (404 thrown: nothing is written for it). The lease is read before anything else
     * (strongly consistent), so a run asked for while another places costs one read and no failed take.
     */
    public void run(String eventId) {
        Event event = events.get(eventId);
        if (AllocationLeaseItems.takenAt(table.client().getItem(leases.read(eventId)).item(), clock.instant())) {
            // another run places the queue, and looks at it again after giving the lease up: one read, not eight
            return;
        }
        if (queue.waiting(eventId, 1, committers).isEmpty()) {
            // asked twice, or placed by a run that started meanwhile: no lease taken for nothing
            return;
        }
        Instant end = clock.instant().plus(RUN);
        while (allocate(event, end) && clock.instant().isBefore(end)
                && !queue.waiting(eventId, 1, committers).isEmpty()) {
            // queued between this run's last look and its giving up the lease: still this run's
            event = events.get(eventId);
        }
    }

    /**
     * Takes the event's lease and places queued requests until the queue is empty or {@code end}; false when another
     * allocator holds the lease ({@link #run} has read it before the first take). The lease is given up at the end.
     */
    private boolean allocate(Event event, Instant end) {
        String owner = instance + "/" + UUID.randomUUID();
        if (!table.writeAlone(leases.take(event.id(), owner, clock.instant(), LEASE))) {
            return false;
        }
        // renewed in the background, not between waves: a wave slower than the lease (a slow table) would otherwise
        // let a second allocator in, and two allocators lose races to each other all round. Each renewal is sent on
        // its own, RENEW_EVERY apart whatever the last one's latency, and runs the lease to LEASE after it was sent.
        java.util.concurrent.atomic.AtomicBoolean leading = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger renewing = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
            if (!leading.get() || renewing.get() >= RENEWALS_IN_FLIGHT) {
                return;
            }
            renewing.incrementAndGet();
            Instant sent = clock.instant();
            CompletableFuture.runAsync(() -> {
                try {
                    if (leading.get() && !table.writeAlone(leases.renew(event.id(), owner, sent, LEASE))) {
                        leading.set(false);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("could not renew the allocator lease of event {}: {}", event.id(), e.toString());
                } finally {
                    renewing.decrementAndGet();
                }
            }, renewalWriters);
        }, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        java.util.function.BooleanSupplier stillLeading = leading::get;
        try {
            Instant refreshed = null;
            while (clock.instant().isBefore(end)) {
                List<AllocationRequest> waitingRequests = queue.waiting(event.id(), BATCH, committers);
                if (waitingRequests.isEmpty()) {
                    return true;
                }
                long started = System.nanoTime();
                // The view is kept by the instance between rounds and runs, brought forward every REFRESH from the
                // projection's block items (one small read, not every seat) and with what this allocator holds;
                // what others changed since the projection caught up shows as a lost race, and nobody is refused
                // without a strongly consistent read of every seat in that round (Round#placeAlone).
                KeptView kept = views.get(event.id());
                boolean exact = kept == null || !kept.fits(event);
                if (exact) {
                    kept = KeptView.read(seats, event);
                    keep(event, kept);
                    refreshed = clock.instant();
                } else if (refreshed == null || !clock.instant().isBefore(refreshed.plus(REFRESH))) {
                    List<SeatMapBlockItems.StoredBlock> projected = blocks.readAll(event, false);
                    synchronized (kept) {
                        kept.refresh(projected);
                    }
                    refreshed = clock.instant();
                }
                place(event, waitingRequests, end, kept, exact, stillLeading);
                LOG.debug("event {}: placed a round of {} requests in {} ms", event.id(), waitingRequests.size(),
                        (System.nanoTime() - started) / 1_000_000);
                if (!stillLeading.getAsBoolean()) {
                    LOG.warn("allocator of event {} lost its lease", event.id());
                    return true;
                }
            }
            return true;
        } finally {
            renewal.cancel(false);
            leading.set(false);
            table.writeAlone(leases.release(event.id(), owner));
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
                answers.record(request, Outcome.refused(answers.busy(request.quantity())));
                continue;
            }
            List<SeatId> pick = choose(event, planned, request);
            plan.add(new Planned(request, pick, !pick.isEmpty() && !LoneSeats.strandedBy(planned, pick).isEmpty()));
            planned = pick.isEmpty() ? planned : planned.taking(pick);
        }
        List<Planned> open = new ArrayList<>(plan);
        // a lost race means the view was wrong: the rest of the round is chosen afresh, one by one. A request answered
        // otherwise (withdrawn by its requester at its deadline, a hold rule refusing it) leaves its block free and
        // the view right, so the waves go on; only a refusal from the plan can no longer be trusted
        boolean asPlanned = true;
        boolean allHeld = true;
        boolean firstWave = true;
        while (asPlanned && open.stream().anyMatch(p -> !p.pick().isEmpty())) {
            // a round commits at least its first wave, however long reading the queue and the view took: a run
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
                asPlanned &= placement != Placement.LOST;
                allHeld &= placement == Placement.HELD;
            }
        }
        if (asPlanned && allHeld && !round.mustReread && open.stream().allMatch(p -> p.pick().isEmpty())) {
            // every planned block was held on a view read this round: it is exact, and had no block for these
            open.forEach(p -> answers.record(p.request(),
                    Outcome.refused(AllocationAnswers.notEnoughSeats(p.request()))));
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
                    answers.record(request, Outcome.refused(AllocationAnswers.notEnoughSeats(request)));
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
                holder.holdSeats(new Caller(request.userId(), false), event, held, request.key(),
                        request.slot().map(ActiveHoldGuard.Slot::new), Optional.of(request), attempt);
                taken(pick, false);
                return Placement.HELD;
            } catch (SeatsUnavailableException lost) {
                taken(lost.unavailableSeats().stream().map(SeatId::parse).toList(), true);
                return Placement.LOST;
            } catch (SeatHolder.GuardLostException lost) {
                taken(lost.guards().stream().map(SeatId::parse).toList(), true);
                return Placement.LOST;
            } catch (SeatHolder.DuplicateRequestException duplicate) {
                answers.record(request, Outcome.held(duplicate.firstHoldId(), attempt));
                return Placement.ANSWERED;
            } catch (SeatHolder.RequestWithdrawnException gone) {
                return Placement.ANSWERED;
            } catch (TicketingException refused) {
                answers.record(request, Outcome.refused(refused));
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

    @jakarta.annotation.PreDestroy
    void close() {
        committers.shutdownNow();
        renewals.shutdownNow();
        renewalWriters.shutdownNow();
    }
}
