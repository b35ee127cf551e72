package dev.ticketing.events.model;

import dev.ticketing.input.Fields;
import dev.ticketing.problems.InvalidRequestException;
import java.time.Instant;

/**
 * The body of {@code PATCH /events/{id}}: any of {@code name}, {@code date}, {@code salesStart}, {@code salesEnd},
 * {@code timeZone} (absent: unchanged). Its seats, tickets and holds stay as they are: a ticket is for the event, whatever its date.
 */
public record EventChanges(String name, String date, String salesStart, String salesEnd, String timeZone) {

    /** The changes without a time zone. */
    public EventChanges(String name, String date, String salesStart, String salesEnd) {
        this(name, date, salesStart, salesEnd, null);
    }

    /**
     * The event with these changes at {@code now}, checked by the rules of creation ({@link NewEvent#validate}: name
     * length; a future date; a window that starts before it ends, ends by the date and after now), or a 400 that
     * says why. A body that changes nothing is a 400 too.
     */
    public Event applyTo(Event event, Instant now) {
        if (name == null && date == null && salesStart == null && salesEnd == null && timeZone == null) {
            throw new InvalidRequestException("Nothing to change: give any of name, date, salesStart, salesEnd, timeZone");
        }
        String title = name == null ? event.name() : Fields.text("name", name, NewEvent.MAX_NAME_LENGTH);
        Instant when = date == null ? event.date() : Fields.instant("date", date, now);
        Instant opens = salesStart == null ? event.salesStart() : Fields.instant("salesStart", salesStart, now);
        Instant closes = salesEnd == null ? event.salesEnd() : Fields.instant("salesEnd", salesEnd, now);
        NewEvent.checkSchedule(when, opens, closes, now);
        return new Event(event.id(), title, when, event.rows(), event.columns(), event.currency(), event.prices(),
                event.rowsPerBlock(), event.singleSeatRule(), opens, closes, event.status(), event.failureReason(),
                event.organizerId()).withPlan(event.plan())
                .inTimeZone(timeZone == null ? event.timeZone() : NewEvent.timeZone(timeZone));
    }
}
