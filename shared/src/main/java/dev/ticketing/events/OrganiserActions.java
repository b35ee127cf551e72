package dev.ticketing.events;

import dev.ticketing.input.Instants;
import dev.ticketing.audit.items.AuditItems;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.identity.Caller;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Transaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the organiser use cases share: the audit entry each adds to its own transaction, and the shapes of state its
 * {@code before} and {@code after} record (JSON-shaped maps, money as decimal strings).
 */
final class OrganiserActions {
    private OrganiserActions() {
    }

    /** Adds the entry of {@code caller}'s {@code action} on the event at {@code now} to the action's transaction. */
    static Transaction audited(Transaction transaction, AuditItems audit, Caller caller, Event event, Instant now,
                               AuditAction action, String summary, Map<String, Object> before,
                               Map<String, Object> after) {
        return transaction.add(Transaction.Role.AUDIT_ENTRY, audit.record(
                AuditEntry.of(event.id(), now, caller.userId(), action, summary, before, after)));
    }

    /** {@code {"seats":{"1-1":"<status>", ...}}}: each seat's status, by its public id. */
    static Map<String, Object> seats(Event event, List<SeatId> seats, SeatStatus status) {
        Map<String, Object> statuses = new LinkedHashMap<>();
        seats.forEach(seat -> statuses.put(event.layout().idOf(seat), status.name()));
        return Map.of("seats", statuses);
    }

    /** The event's name, date and sales window. */
    static Map<String, Object> schedule(Event event) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", event.name());
        state.put("date", Instants.text(event.date()));
        state.put("salesStart", Instants.text(event.salesStart()));
        state.put("salesEnd", Instants.text(event.salesEnd()));
        return state;
    }

    /** {@code {"currency":..,"prices":[{"fromRow","toRow","price"}, ...]}}. */
    static Map<String, Object> prices(Event event) {
        return Map.of("currency", event.currency(), "prices", event.prices().stream().map(OrganiserActions::tier).toList());
    }

    /** The whole event as created: its schedule, hall and prices. */
    static Map<String, Object> created(Event event) {
        Map<String, Object> state = new LinkedHashMap<>(schedule(event));
        state.put("rows", event.rows());
        state.put("columns", event.columns());
        state.put("singleSeatRule", event.singleSeatRule().name());
        state.putAll(prices(event));
        return state;
    }

    private static Map<String, Object> tier(PriceTier tier) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("fromRow", tier.fromRow());
        state.put("toRow", tier.toRow());
        state.put("price", tier.price().toPlainString());
        return state;
    }
}
