package dev.ticketing.seats;

import dev.ticketing.events.Event;
import dev.ticketing.events.EventStore;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads an event's seat map as everyone sees it now, straight from the table (see {@link SeatMapSnapshots}). */
@Singleton
public class SeatMapService {
    private final EventStore events;
    private final SeatStore seats;
    private final Clock clock;

    public SeatMapService(EventStore events, SeatStore seats, Clock clock) {
        this.events = events;
        this.seats = seats;
        this.clock = clock;
    }

    public SeatMap read(String eventId) {
        Event event = events.get(eventId);
        event.requireOnSale(); // an event still being created has no complete map to show
        Instant now = clock.instant();
        List<Seat> view = new ArrayList<>(event.seatCount());
        MessageDigest digest = sha256();
        long nextExpiry = Long.MAX_VALUE;
        for (SeatItems.StoredSeat stored : seats.readAll(event)) {
            SeatStatus status = SeatAvailability.visibleStatus(stored.status(), stored.expiresAtMillis(), now);
            if (status == SeatStatus.RESERVED) {
                nextExpiry = Math.min(nextExpiry, stored.expiresAtMillis());
            }
            view.add(new Seat(stored.id().toString(), stored.id().row(), stored.id().column(), status,
                    event.priceOf(stored.id().row())));
            digest.update((byte) status.ordinal());
        }
        boolean salesOpen = event.salesOpenAt(now);
        digest.update((byte) (salesOpen ? 1 : 0));
        nextExpiry = Math.min(nextExpiry, event.nextSalesChangeAfter(now) == Instant.MAX
                ? Long.MAX_VALUE : event.nextSalesChangeAfter(now).toEpochMilli());
        digest.update(event.id().getBytes(StandardCharsets.UTF_8));
        String version = HexFormat.of().formatHex(digest.digest(), 0, 12);
        return new SeatMap(event.id(), version, salesOpen, event.salesStart(), event.salesEnd(), event.rows(),
                event.columns(), event.currency(), view,
                nextExpiry == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochMilli(nextExpiry));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
