package dev.ticketing.events;

import dev.ticketing.input.Instants;
import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.events.items.CancellationItems;
import dev.ticketing.events.items.EventItems;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.items.SalesGateItems;
import dev.ticketing.events.model.Cancellation;
import dev.ticketing.events.model.CancellationRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventDetails;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /events/{id}/cancel}: an organiser calls a show off. At once, in ONE transaction, the event becomes
 * CANCELLED and its sales gates close ({@link SalesGateItems}): from then on no payment starts and no sale commits
 * (409 {@code event-cancelled}; holds too, within {@link EventReader#CACHE_FOR} (twice that at most) on other instances). Then the
 * start of the work is queued ({@link CancellationWork}; {@link RefundCancelledEvent} does it in bounded steps): every
 * hold ends, every payment in flight ends without taking money, every sale is refunded once. A second cancel answers
 * the same state (200) and queues the start again if its count is not recorded yet, so a cancel that got no answer
 * (the request died after the transaction) is completed by repeating it. Also the event as {@code GET /events/{id}}
 * shows it, with the cancellation's progress.
 */
@Singleton
public class CancelEvent {
    private static final Logger LOG = LoggerFactory.getLogger(CancelEvent.class);

    /** The event after the cancel, and whether this call cancelled it (false: it already was). */
    public record Cancelled(EventDetails details, boolean now) {
    }

    private final Table table;
    private final EventReader events;
    private final CancellationWork work;
    private final Clock clock;
    private final EventItems eventItems;
    private final SalesGateItems gates;
    private final CancellationItems progress;
    private final AuditItems audit;

    public CancelEvent(Table table, EventReader events, CancellationWork work, Clock clock) {
        this.table = table;
        this.events = events;
        this.work = work;
        this.clock = clock;
        this.eventItems = new EventItems(table);
        this.gates = new SalesGateItems(table);
        this.progress = new CancellationItems(table);
        this.audit = new AuditItems(table);
    }

    /**
     * Cancels the event for the request's reason. 404: no such event; 403: the caller may not manage it
     * ({@link EventOrganisers}); 400: no reason; 409 {@code event-not-on-sale}: still being created; 409
     * {@code event-started}: it has begun (a past event is not cancelled); 503: the work could not be queued (the event
     * may be cancelled: repeat the call). Each refusal changes nothing.
     */
    public Cancelled cancel(Caller caller, String eventId, CancellationRequest request) {
        Event event = stored(eventId);
        EventOrganisers.require(caller, event);
        String reason = (request == null ? new CancellationRequest(null) : request).validReason();
        if (event.status() == EventStatus.CANCELLED) {
            return new Cancelled(resumed(event), false);
        }
        event.requireOnSale();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!event.date().isAfter(now)) {
            throw new ConflictException("event-started", "Event started",
                    "Event " + eventId + " began at " + event.date() + "; a past event cannot be cancelled",
                    Map.of("eventId", eventId, "date", Instants.text(event.date())));
        }
        Transaction transaction = table.transaction().add(Role.EVENT, eventItems.cancel(eventId, reason, now));
        gates.closeAll(eventId, now).forEach(gate -> transaction.add(Role.EVENT, gate));
        OrganiserActions.audited(transaction, audit, caller, event, now, AuditAction.CANCEL, "cancelled the event: " + reason,
                Map.of("status", event.status().name()), Map.of("status", EventStatus.CANCELLED.name(), "reason", reason));
        if (!transaction.commit().committed()) {
            // another cancel won the race (or the event changed): answer what it is now
            Event now2 = stored(eventId);
            if (now2.status() == EventStatus.CANCELLED) {
                return new Cancelled(resumed(now2), false);
            }
            now2.requireOnSale();
            throw new ConflictException("event-changed", "Event changed",
                    "Event " + eventId + " changed while it was being cancelled; please try again", Map.of());
        }
        events.forget(eventId);
        LOG.warn("event {} CANCELLED by {}: {}", eventId, caller.userId(), reason);
        work.send(List.of(CancellationStep.start(eventId)));
        return new Cancelled(details(eventId), true);
    }

    /** {@code GET /events/{id}}: the event, with its cancellation's progress when it is CANCELLED; 404 when none. */
    public EventDetails details(String eventId) {
        Event event = events.get(eventId);
        if (event.status() == EventStatus.CREATING || event.status() == EventStatus.FAILED) {
            return new EventDetails(event, null, new EventDetails.Creation(event.seatCount(),
                    Math.min(event.seatCount(), events.seatsWritten(eventId))));
        }
        if (event.status() != EventStatus.CANCELLED) {
            return new EventDetails(event, null);
        }
        EventItems.CancelledEvent cancelled = events.cancellation(eventId).orElseThrow();
        CancellationItems.Progress done = progress.progress(eventId);
        Integer pending = cancelled.tickets() == null ? null
                : Math.max(0, cancelled.tickets() - done.refunded() - done.failed());
        boolean finished = cancelled.tickets() != null && done.pagesDone() >= RefundCancelledEvent.pages(event).size();
        return new EventDetails(event, new Cancellation(cancelled.reason(), cancelled.cancelledAt(), cancelled.tickets(),
                done.refunded(), done.failed(), pending, finished, done.failures()));
    }

    /** A cancelled event as it is; its work queued again when its start has not been recorded (a cancel that died). */
    private EventDetails resumed(Event event) {
        EventDetails details = details(event.id());
        if (details.cancellation().tickets() == null) {
            work.send(List.of(CancellationStep.start(event.id())));
        }
        return details;
    }

    private Event stored(String eventId) {
        if (!dev.ticketing.store.Ids.isServerMade(eventId)) {
            throw new NotFoundException("Event " + dev.ticketing.store.Ids.quoted(eventId) + " does not exist");
        }
        return events.current(eventId).orElseThrow(() -> new NotFoundException("Event " + eventId + " does not exist"));
    }
}
