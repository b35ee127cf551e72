package dev.ticketing.events;

import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.events.items.EventItems;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.items.OrganiserEventItems;
import dev.ticketing.events.model.CategoryPrice;
import dev.ticketing.events.model.Event;
import dev.ticketing.venues.ReadVenues;
import dev.ticketing.venues.model.PlanGrid;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.TransactionResult;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Creating events with their seats, and finding them: composes the event and seat stores, so it sits above both.
 *
 * <p>The event is written first, CREATING, in one transaction with its {@code Idempotency-Key}; its seats after it
 * ({@link EventSeats}); then it is ON_SALE. A hall of at most {@link #INLINE_SEATS} seats is written within the
 * request (5-6 s on the loaded local stack, ~2 s on a quiet one: bench/results/2026-11-29-bighalls.md), and answered
 * ON_SALE; for a bigger one the request asks EventSeatsFunction to write them ({@link EventSeatsTrigger}: the
 * event-seats queue) before it stores the event CREATING, and the client polls {@code GET /events/{id}}. Nothing is
 * orphaned: every seat belongs to an event that says how far it got, and a retry with the same key resumes it.
 */
@Singleton
public class CreateEvent {
    /** The biggest hall whose seats the request writes itself; bigger ones are written by EventSeatsFunction. */
    public static final int INLINE_SEATS = 10_000;

    /** The event, and whether it is the answer to an earlier request with the same key. */
    public record Created(Event event, boolean replayed) {
    }

    private final EventReader events;
    private final EventItems items;
    private final OrganiserEventItems organiserEvents;
    private final AuditItems audit;
    private final EventSeats eventSeats;
    private final IdempotencyKeys idempotency;
    private final Table table;
    private final Clock clock;
    private final PaymentGateways gateways;
    private final EventSeatsTrigger trigger;
    private final ReadVenues venues;

    public CreateEvent(EventReader events, EventSeats eventSeats, IdempotencyKeys idempotency, Table table,
                       PaymentGateways gateways, EventSeatsTrigger trigger, ReadVenues venues, Clock clock) {
        this.events = events;
        this.items = new EventItems(table);
        this.organiserEvents = new OrganiserEventItems(table);
        this.audit = new AuditItems(table);
        this.eventSeats = eventSeats;
        this.idempotency = idempotency;
        this.table = table;
        this.gateways = gateways;
        this.trigger = trigger;
        this.venues = venues;
        this.clock = clock;
    }

    /**
     * Creates the event, belonging to the caller's organiser, with every seat AVAILABLE: ON_SALE when answered for a hall of up to {@link #INLINE_SEATS}
     * seats, CREATING for a bigger one. At least one enabled provider must take the event's currency (422
     * {@code currency-not-supported} naming each provider's currencies otherwise); prices must be chargeable by every
     * provider offered for it (400 naming the provider's rule otherwise). With an {@code Idempotency-Key} ({@code idempotencyHeader}, nullable), a repeated request
     * answers the event the first one created, and resumes its creation if it stopped (422 if the key came with
     * another request).
     *
     * @throws dev.ticketing.problems.ForbiddenException the caller is neither an organiser nor an admin
     *         ({@link EventOrganisers#requireMayCreate})
     * @throws dev.ticketing.problems.ServiceUnavailableException a big hall's seats cannot be started now (nothing is
     *         stored)
     * @throws RuntimeException writing the seats of a small hall failed: the event is FAILED, a retry resumes it
     */
    public Created create(Caller caller, NewEvent request, String idempotencyHeader) {
        EventOrganisers.requireMayCreate(caller);
        Event event = validated(caller, request).organizedBy(caller.organizerId());
        // an event no provider takes the currency of could never be paid for: 422, nothing stored
        gateways.requireOfferedFor(event.currency());
        requireChargeable(gateways, event);
        Optional<IdempotencyKeys.Key> key = IdempotencyKeys.of("events", caller.userId(), idempotencyHeader,
                request.toString());
        Optional<String> first = key.flatMap(idempotency::recorded);
        if (first.isPresent()) {
            return new Created(resume(first.get()), true);
        }
        Instant now = clock.instant();
        boolean inline = event.seatCount() <= INLINE_SEATS;
        if (!inline) {
            trigger.start(event.id(), now);
        }
        EventSeats.Lease lease = EventSeats.Lease.startingAt(event.id(), now);
        Transaction begin = table.transaction().add(Transaction.Role.EVENT,
                items.begin(event, inline ? Optional.of(lease.owner()) : Optional.empty(), lease.until()));
        key.ifPresent(k -> begin.add(Transaction.Role.IDEMPOTENCY_KEY, idempotency.record(k, event.id(), now)));
        // in the organiser's own list from the start, CREATING included: their page shows it going on sale
        begin.add(Transaction.Role.ORGANISER_EVENT, organiserEvents.record(event.organizerId(), event.id(), now));
        OrganiserActions.audited(begin, audit, caller, event, now.truncatedTo(ChronoUnit.MILLIS), AuditAction.CREATE,
                "created " + event.name(), Map.of(), OrganiserActions.created(event));
        TransactionResult result = begin.commit();
        if (!result.committed()) {
            if (key.isPresent() && result.contested(Transaction.Role.IDEMPOTENCY_KEY)) {
                // a concurrent duplicate of this request created it first: that is the answer
                return new Created(resume(idempotency.recorded(key.get()).orElseThrow()), true);
            }
            throw result.asProblem();
        }
        return new Created(inline ? eventSeats.write(event, lease) : event.withStatus(EventStatus.CREATING, null), false);
    }

    /**
     * The event the body asks for: a rectangle, or an event on the current plan version of a venue the caller may use
     * (404 otherwise, {@link ReadVenues#current}), its grid made from that plan.
     */
    private Event validated(Caller caller, NewEvent request) {
        if (!request.onVenue()) {
            return request.validate(clock.instant());
        }
        ReadVenues.CurrentPlan current = venues.current(caller, request.venueId());
        return request.validateOnPlan(clock.instant(), current.version(), current.plan().categoryNames(),
                PlanGrid.of(current.plan()));
    }

    /** A 400 naming the rows (or category) of a price some enabled provider cannot charge, if the event has one. */
    static void requireChargeable(PaymentGateways gateways, Event event) {
        if (event.plan() != null) {
            for (CategoryPrice price : event.plan().categoryPrices()) {
                gateways.unchargeable(price.price(), event.currency()).ifPresent(reason -> {
                    throw new InvalidRequestException(reason, Map.of("category", price.category()));
                });
            }
        }
        for (PriceTier tier : event.prices()) {
            // a price some enabled provider cannot charge would make every checkout of those seats fail: refuse it now
            gateways.unchargeable(tier.price(), event.currency()).ifPresent(reason -> {
                throw new InvalidRequestException(reason, Map.of("fromRow", tier.fromRow(), "toRow", tier.toRow()));
            });
        }
    }

    /**
     * The event an earlier request created, its creation resumed if it stopped: a small hall's seats are written now
     * (unless another writer holds its lease), a big one's are asked of EventSeatsFunction again (which waits for a
     * writer still holding the lease, and resumes a FAILED one).
     */
    private Event resume(String eventId) {
        Event event = events.current(eventId).orElseThrow();
        if (event.status() == EventStatus.ON_SALE) {
            return event;
        }
        if (event.seatCount() <= INLINE_SEATS) {
            return eventSeats.complete(eventId, Duration.ZERO);
        }
        trigger.start(eventId, clock.instant());
        return event;
    }

    /** The providers the event can be paid with: the enabled ones that take its currency, in checkout order. */
    public List<String> providersOf(Event event) {
        return gateways.offeredFor(event.currency()).stream().map(gateway -> gateway.provider().name()).toList();
    }

    public Event get(String eventId) {
        return events.get(eventId);
    }

    /** A page of the events, soonest first (see {@link EventReader#page}). */
    public Page<Event> page(int limit, String cursor) {
        return events.page(limit, cursor);
    }
}
