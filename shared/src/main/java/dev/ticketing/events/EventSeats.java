package dev.ticketing.events;

import dev.ticketing.events.items.EventItems;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the seats of an event that is not ON_SALE yet, and puts it on sale when they are all in. One writer at a
 * time: the one holding the event's creation lease ({@link EventItems#claim}). Seat writes are puts that overwrite
 * (so a resumed creation writes every seat once more instead of finding where it stopped), which is safe only
 * because nobody can hold a seat of an event that is not ON_SALE, and because no write of a writer lands after its
 * lease ended: a writer sends a call only while its lease has at least {@link #MARGIN} left (renewing it first when
 * not), and a call lasts at most {@link SeatBatches#CALL_TIMEOUT}, less than the margin. So when another writer may
 * claim the lease, the previous one's writes are all in, and when the event is ON_SALE, no seat write is still coming.
 *
 * <p>If writing fails, the event is FAILED with a reason (what kind of error; the details are logged), the lease
 * given up, and a retry of the same {@code POST /events} resumes it. A writer that dies (a Lambda timeout) leaves
 * the lease to expire after at most {@link #LEASE}; then a retry, or the queue's redelivery, resumes it.
 */
@Singleton
public class EventSeats {
    /** How long a claim or a renewal gives a writer. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** A writer renews when less than this is left, and stops if it cannot. */
    static final Duration MARGIN = Duration.ofSeconds(20);
    /**
     * How long after a start was asked ({@link EventSeatsTrigger}, sent before the event is stored) its event may
     * still be on its way into the table: the longest request (API Gateway ends one at 30 s) and a margin.
     */
    public static final Duration STORE_WINDOW = Duration.ofSeconds(60);
    private static final Duration PATIENCE_STEP = Duration.ofSeconds(1);
    /** How often a writer reports the seats it has written. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(EventSeats.class);

    private final Table table;
    private final EventItems items;
    private final EventReader events;
    private final SeatBatches seats;
    private final Clock clock;

    public EventSeats(Table table, EventReader events, SeatBatches seats, Clock clock) {
        this.table = table;
        this.items = new EventItems(table);
        this.events = events;
        this.seats = seats;
        this.clock = clock;
    }

    /** A lease this process holds: who, and until when. */
    record Lease(String eventId, String owner, Instant until) {
        static Lease startingAt(String eventId, Instant now) {
            return new Lease(eventId, UUID.randomUUID().toString(), now.plus(LEASE));
        }
    }

    /**
     * Finishes the event: claims its lease, waiting up to {@code patience} for another writer's lease to end, writes
     * every seat and puts it ON_SALE. Returns the event as it is then: ON_SALE, or still CREATING when another writer
     * kept the lease (it finishes it).
     *
     * @throws NotFoundException no such event
     * @throws RuntimeException writing failed (the event is FAILED)
     */
    public Event complete(String eventId, Duration patience) {
        // counted in pauses, not by the clock: a clock that stands still (a test's) must not make this wait forever
        long pauses = patience.toMillis() / PATIENCE_STEP.toMillis();
        for (long pause = 0; ; pause++) {
            Event event = events.current(eventId)
                    .orElseThrow(() -> new NotFoundException("Event " + eventId + " does not exist"));
            if (event.status() == EventStatus.ON_SALE) {
                return event;
            }
            Instant now = clock.instant();
            Lease lease = Lease.startingAt(eventId, now);
            if (table.writeAlone(items.claim(eventId, lease.owner(), lease.until(), now))) {
                return write(event, lease);
            }
            if (pause >= pauses) {
                return event;
            }
            pause();
        }
    }

    /**
     * What a start asked at {@code askedAt} gets ({@link EventSeatsTrigger}): the event finished as by
     * {@link #complete} with {@code patience}. The start is asked before the event is stored, so an event not there yet
     * is waited for until {@link #STORE_WINDOW} after the ask; empty when it is still not there then (it never will be:
     * the request that asked died or lost a race on its key before storing it).
     *
     * @throws RuntimeException writing failed (the event is FAILED)
     */
    public Optional<Event> completeStarted(String eventId, Instant askedAt, Duration patience) {
        long pauses = Math.max(0, Duration.between(clock.instant(), askedAt.plus(STORE_WINDOW)).toMillis())
                / PATIENCE_STEP.toMillis();
        for (long pause = 0; ; pause++) {
            try {
                return Optional.of(complete(eventId, patience));
            } catch (NotFoundException absent) {
                if (pause >= pauses) {
                    return Optional.empty();
                }
                pause();
            }
        }
    }

    /**
     * Writes every seat of the event under the lease its caller just took, then puts it ON_SALE.
     *
     * @throws RuntimeException writing failed (the event is FAILED, the lease given up)
     */
    Event write(Event event, Lease taken) {
        Renewals lease = new Renewals(taken);
        Progress progress = new Progress(event.id(), taken.owner());
        try {
            seats.writeAll(event, lease::check, progress::add);
        } catch (RuntimeException e) {
            String reason = "writing its seats failed (" + e.getClass().getSimpleName() + ")";
            LOG.warn("event {}: {}; a retry with the same Idempotency-Key resumes it", event.id(), reason, e);
            table.writeAlone(items.fail(event.id(), lease.owner(), reason));
            throw e;
        }
        if (!table.writeAlone(items.finish(event, lease.owner()))) {
            // only when this writer's lease ran out and another writer took over: that one finishes the event
            return events.current(event.id()).orElseThrow();
        }
        return event.withStatus(EventStatus.ON_SALE, null);
    }

    /** The lease of one writer, renewed from its writing threads when it runs short. */
    private final class Renewals {
        private final String eventId;
        private final String owner;
        private Instant until;

        Renewals(Lease lease) {
            this.eventId = lease.eventId();
            this.owner = lease.owner();
            this.until = lease.until();
        }

        String owner() {
            return owner;
        }

        /** Before each seat write: at least {@link #MARGIN} of lease left, or renewed, or stop (thrown). */
        synchronized void check() {
            Instant now = clock.instant();
            if (now.plus(MARGIN).isBefore(until)) {
                return;
            }
            Instant renewed = now.plus(LEASE);
            if (!now.isBefore(until) || !table.writeAlone(items.renew(eventId, owner, renewed))) {
                throw new LeaseLostException(eventId);
            }
            until = renewed;
        }
    }

    /**
     * The seats written so far, reported on the event's item at most every {@link #PROGRESS_EVERY} (so
     * {@code GET /events/{id}} shows how far a big hall has got), by the lease's holder only.
     */
    private final class Progress {
        private final String eventId;
        private final String owner;
        private final java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong lastReport = new java.util.concurrent.atomic.AtomicLong();

        Progress(String eventId, String owner) {
            this.eventId = eventId;
            this.owner = owner;
        }

        void add(int seats) {
            int total = written.addAndGet(seats);
            long now = clock.millis();
            long last = lastReport.get();
            // one writing thread reports at a time; a report lost to another lease holder changes nothing
            if (now - last >= PROGRESS_EVERY.toMillis() && lastReport.compareAndSet(last, now)) {
                table.writeAlone(items.progress(eventId, owner, total));
            }
        }
    }

    /** Another writer took over the event's seats (this one was too slow): this one stops. */
    static final class LeaseLostException extends IllegalStateException {
        LeaseLostException(String eventId) {
            super("the creation lease of event " + eventId + " ran out before its seats were written");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PATIENCE_STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an event's creation lease", e);
        }
    }
}
