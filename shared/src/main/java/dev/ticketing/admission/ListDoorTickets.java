package dev.ticketing.admission;

import dev.ticketing.admission.keys.TicketCodes;
import dev.ticketing.admission.model.SignedDoorList;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.tickets.items.DoorReader;
import dev.ticketing.tickets.model.IssuedTicket;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /events/{eventId}/checkin-list[?since=<version>]}: the door list ("manifest") a door device checks
 * tickets with while offline, signed with the event's ticket-code key so a device can tell it from a forged one.
 *
 * <p>Without {@code since}: every valid ticket (id, code version, seat label, buyer's name), every revoked one and
 * every admission so far ({@code complete: true}). With {@code since} (a {@code version} this answered before):
 * only what changed since then ({@code complete: false}); a device applies it on top of what it has. The version
 * is the server's clock (epoch ms) when the read began. A delta starts {@link #OVERLAP} before {@code since}: a
 * write carries the time its use case took, which can be a little before it is committed and then visible in the
 * index (eventually consistent); repeating a minute of changes costs little and applying one twice is harmless.
 *
 * <p>Cost: one index read of the event's tickets (a 100,000-ticket event: a few dozen 1 MB pages, read in
 * parallel), or of those changed, plus a count of the valid ones for a delta's {@code sold}. The body of 100,000
 * tickets is about 10 MB as base64; the API function compresses it (gzip, about 3.6 MB), below Lambda's 6 MB.
 */
@Singleton
public class ListDoorTickets {
    /** How far before {@code since} a delta reaches back. */
    public static final Duration OVERLAP = Duration.ofMinutes(2);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final EventReader events;
    private final DoorReader door;
    private final TicketCodes codes;
    private final Clock clock;

    public ListDoorTickets(EventReader events, DoorReader door, TicketCodes codes, Clock clock) {
        this.events = events;
        this.door = door;
        this.codes = codes;
        this.clock = clock;
    }

    /**
     * The signed list of event {@code eventId}, whole ({@code since} null) or what changed since {@code since}.
     *
     * @throws dev.ticketing.problems.TicketingException 404 unknown event, 403 neither staff nor its organiser nor
     *         an admin, 400 a {@code since} that is no version (not a whole number, negative, in the future)
     */
    public SignedDoorList list(Caller caller, String eventId, String since) {
        Event event = events.get(eventId);
        DoorAccess.requireMayRead(caller, event);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Long from = since == null ? null : version(since, now);
        List<IssuedTicket> tickets;
        long sold;
        if (from == null) {
            tickets = door.tickets(event.id(), null);
            sold = tickets.stream().filter(DoorListBody::valid).count();
        } else {
            tickets = door.tickets(event.id(), Instant.ofEpochMilli(from).minus(OVERLAP));
            sold = door.paid(event.id());
        }
        // never less than a version given before: a device compares them
        long version = from == null ? now.toEpochMilli() : Math.max(now.toEpochMilli(), from);
        Map<String, byte[]> keys = codes.rawPublicKeys(event.id());
        byte[] body = DoorListBody.write(new DoorListBody.Head(event.id(), version, from, now, sold, keys),
                event.layout(), tickets);
        TicketCodes.Signed signed = codes.sign(event.id(), body);
        return new SignedDoorList(event.id(), signed.keyId(), BASE64URL.encodeToString(body),
                BASE64URL.encodeToString(signed.signature()));
    }

    /** {@code since} as a version: a whole number of milliseconds, not negative, not after the server's clock. */
    private static long version(String since, Instant now) {
        long version;
        try {
            version = Long.parseLong(since.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("since must be a version this list gave (a whole number)",
                    Map.of("field", "since"));
        }
        if (version < 0 || version > now.plus(Duration.ofMinutes(5)).toEpochMilli()) {
            throw new InvalidRequestException("since " + version + " is no version this list gave",
                    Map.of("field", "since"));
        }
        return version;
    }
}
