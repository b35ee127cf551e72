package dev.ticketing.seats.map;

import dev.ticketing.seats.map.items.SeatMapBlockItems;
import dev.ticketing.store.Table;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.Seat;
import dev.ticketing.seats.model.SeatAvailability;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.seats.map.items.SeatMapBlockItems.StoredBlock;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an event's seat map as everyone sees it now (see {@link SeatMapCache}), in one of two ways:
 * {@link #read} from every seat item (strongly consistent: exactly what storage has), or {@link #readProjected} from
 * the compact block items the stream keeps ({@link SeatMapBlockItems}: a few kilobytes per block, behind storage by
 * the stream's lag). Both apply lazy expiry at {@code now}.
 */
@Singleton
public class SeatMapReader {
    private final EventReader events;
    private final SeatBatches seats;
    private final SeatMapBlockItems blocks;
    private final Clock clock;

    public SeatMapReader(Table table, EventReader events, SeatBatches seats, Clock clock) {
        this.events = events;
        this.seats = seats;
        this.blocks = new SeatMapBlockItems(table);
        this.clock = clock;
    }

    /** From every seat item; the version is a digest of what everyone sees. */
    public SeatMap read(String eventId) {
        Event event = events.get(eventId);
        event.requireOnSale(); // an event still being created has no complete map to show
        Instant now = clock.instant();
        MessageDigest digest = sha256();
        List<SeatItems.StoredSeat> stored = seats.readAll(event);
        return build(event, now, stored, digest, true);
    }

    /**
     * From the block items, one BatchGetItem. The version is a digest of the blocks' versions and of the latest
     * reservation expiry already passed (what lazy expiry changed since), so it changes whenever what anyone sees
     * may have changed.
     */
    public SeatMap readProjected(String eventId) {
        Event event = events.get(eventId);
        Instant now = clock.instant();
        List<StoredBlock> stored = blocks.readAll(event);
        MessageDigest digest = sha256();
        List<SeatItems.StoredSeat> view = new ArrayList<>(event.seatCount());
        long passedExpiry = 0;
        SeatLayout layout = event.layout();
        for (int row = 1; row <= layout.rows(); row++) {
            StoredBlock block = stored.get(event.blockOf(row));
            for (SeatId id : layout.seatsOf(row)) {
                SeatItems.StoredSeat seat = block.seat(id);
                if (seat.status() == SeatStatus.RESERVED && seat.expiresAtMillis() <= now.toEpochMilli()) {
                    passedExpiry = Math.max(passedExpiry, seat.expiresAtMillis());
                }
                view.add(seat);
            }
        }
        for (StoredBlock block : stored) {
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(block.version()).array());
        }
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(passedExpiry).array());
        return build(event, now, view, digest, false);
    }

    private static SeatMap build(Event event, Instant now, List<SeatItems.StoredSeat> stored, MessageDigest digest,
                                 boolean digestStatuses) {
        List<Seat> view = new ArrayList<>(event.seatCount());
        SeatLayout layout = event.layout();
        long nextExpiry = Long.MAX_VALUE;
        for (SeatItems.StoredSeat seat : stored) {
            SeatStatus status = SeatAvailability.visibleStatus(seat.status(), seat.expiresAtMillis(), now);
            if (status == SeatStatus.RESERVED) {
                nextExpiry = Math.min(nextExpiry, seat.expiresAtMillis());
            }
            view.add(new Seat(layout.idOf(seat.id()), seat.id().row(), seat.id().column(), status,
                    event.priceOf(seat.id()), layout.placeOf(seat.id())));
            if (digestStatuses) {
                digest.update((byte) status.ordinal());
            }
        }
        boolean salesOpen = event.salesOpenAt(now);
        digest.update((byte) (salesOpen ? 1 : 0));
        nextExpiry = Math.min(nextExpiry, event.nextSalesChangeAfter(now) == Instant.MAX
                ? Long.MAX_VALUE : event.nextSalesChangeAfter(now).toEpochMilli());
        digest.update(event.id().getBytes(StandardCharsets.UTF_8));
        // what the organiser may change on a live event (a reprice, a new sales window) is shown too: a new version
        digest.update((event.prices() + "|" + event.categoryPrices() + "|" + event.salesStart() + "|" + event.salesEnd()).getBytes(StandardCharsets.UTF_8));
        String version = HexFormat.of().formatHex(digest.digest(), 0, 12);
        return new SeatMap(event.id(), version, salesOpen, event.salesStart(), event.salesEnd(), event.rows(),
                event.columns(), event.currency(), event.categoryPrices(), view,
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
