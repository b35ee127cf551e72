package dev.ticketing.events;

import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.events.items.EventItems;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventChanges;
import dev.ticketing.identity.Caller;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.Transaction.Role;
import dev.ticketing.store.TransactionResult;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code PATCH /events/{id}}: the organiser fixes the name, moves the date or the sales window of an event on sale.
 * Its seats, holds and tickets are untouched (a ticket is for the event, whatever its date). ONE transaction: the
 * event, under the condition that nobody changed it since it was read (its {@code event_version}), and the audit
 * entry with the schedule before and after.
 */
@Singleton
public class EditEvent {
    private final Table table;
    private final EventReader events;
    private final SeatMapCache snapshots;
    private final Clock clock;
    private final EventItems items;
    private final AuditItems audit;

    public EditEvent(Table table, EventReader events, SeatMapCache snapshots, Clock clock) {
        this.table = table;
        this.events = events;
        this.snapshots = snapshots;
        this.clock = clock;
        this.items = new EventItems(table);
        this.audit = new AuditItems(table);
    }

    /**
     * The event as changed.
     *
     * @throws dev.ticketing.problems.TicketingException 404 unknown event, 403 not its organiser, 409 not on sale or
     *         changed by someone else meanwhile ({@code concurrent-update}: read it and try again), 400 a change that
     *         breaks the rules of creation ({@link EventChanges#applyTo})
     */
    public Event edit(Caller caller, String eventId, EventChanges changes) {
        EventReader.Versioned stored = events.versionedOrNotFound(eventId);
        Event before = stored.event();
        EventOrganisers.require(caller, before);
        before.requireOnSale();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Event after = changes.applyTo(before, now);
        return change(caller, stored, after, now, AuditAction.EDIT, "changed the name, date or sales window",
                OrganiserActions.schedule(before), OrganiserActions.schedule(after));
    }

    /** Writes {@code after} over the event still at {@code stored}'s version, with the audit entry; 409 if changed. */
    Event change(Caller caller, EventReader.Versioned stored, Event after, Instant now, AuditAction action,
                 String summary, Map<String, Object> before, Map<String, Object> afterState) {
        Transaction transaction = table.transaction().add(Role.EVENT, items.change(after, stored.version()));
        OrganiserActions.audited(transaction, audit, caller, after, now, action, summary, before, afterState);
        TransactionResult result = transaction.commit();
        if (!result.committed()) {
            throw result.asProblem();
        }
        events.forget(after.id());
        snapshots.invalidate(after.id());
        return after;
    }
}
