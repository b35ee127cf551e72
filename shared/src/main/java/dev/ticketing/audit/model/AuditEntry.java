package dev.ticketing.audit.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One organiser action on an event, as recorded in the same transaction as the action itself (so an action is never
 * without its entry, nor an entry without its action): who ({@code actor}, the caller's user id), when ({@code at}),
 * what ({@code action} and a one-line {@code summary}), and the state it changed, {@code before} and {@code after}
 * (JSON-shaped maps: strings, numbers, lists and maps; empty when there was nothing before, as for a creation).
 */
public record AuditEntry(String id, String eventId, Instant at, String actor, AuditAction action, String summary,
                         Map<String, Object> before, Map<String, Object> after) {

    /** A new entry (a new id) of {@code actor}'s {@code action} on the event at {@code at}. */
    public static AuditEntry of(String eventId, Instant at, String actor, AuditAction action, String summary,
                                Map<String, Object> before, Map<String, Object> after) {
        return new AuditEntry(UUID.randomUUID().toString(), eventId, at, actor, action, summary, before, after);
    }
}
