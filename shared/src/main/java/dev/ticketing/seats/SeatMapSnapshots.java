package dev.ticketing.seats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seat map on the hot read path. Reading a 20,000-seat map is ~20 parallel queries; doing that per request
 * would make reads cost what the crowd costs. Instead each function instance keeps, per event, one snapshot of the
 * map, rendered to JSON once, and
 * <ul>
 *   <li>reuses it for at most {@code SEATMAP_MAX_AGE} (default 0.5 s), so a change made anywhere is visible to
 *       every viewer within that plus one read (well within the promised 1 s);</li>
 *   <li>never past the moment the first reservation in it expires by itself, so lazy expiry shows on time;</li>
 *   <li>drops it when this instance itself holds or releases seats of the event, so a buyer sees their own change;</li>
 *   <li>coalesces: while one refresh of an event is in flight, every other reader waits for it instead of starting
 *       its own, so an instance reads each event's seats at most about 1/maxAge times a second however many people
 *       look.</li>
 * </ul>
 * The version (ETag) is a digest of what everyone sees, so an unchanged map answers {@code 304} after a refresh.
 * In AWS a 1 s CDN cache in front absorbs most requests before they reach a function at all.
 */
@Singleton
public class SeatMapSnapshots {
    /** One rendered seat map and until when it may be served. */
    public record Snapshot(String version, String fullJson, String compactJson, Instant validUntil) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final SeatMapService seatMaps;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Snapshot>> refreshing = new ConcurrentHashMap<>();

    public SeatMapSnapshots(SeatMapService seatMaps, Clock clock,
                            @Property(name = "seatmap.max.age", defaultValue = "PT0.5S") String maxAge) {
        this.seatMaps = seatMaps;
        this.clock = clock;
        this.maxAge = Duration.parse(maxAge);
    }

    public Snapshot current(String eventId) {
        Snapshot snapshot = snapshots.get(eventId);
        if (snapshot != null && clock.instant().isBefore(snapshot.validUntil())) {
            return snapshot;
        }
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> inFlight = refreshing.putIfAbsent(eventId, mine);
        if (inFlight != null) {
            return join(inFlight);
        }
        try {
            Snapshot fresh = render(seatMaps.read(eventId));
            snapshots.put(eventId, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            refreshing.remove(eventId, mine);
        }
    }

    /** Forget the event's snapshot: this instance just changed its seats. */
    public void invalidate(String eventId) {
        snapshots.remove(eventId);
    }

    private Snapshot render(SeatMap map) {
        Instant readAt = clock.instant();
        Instant validUntil = readAt.plus(maxAge);
        if (map.nextExpiry().isBefore(validUntil)) {
            validUntil = map.nextExpiry();
        }
        try {
            return new Snapshot(map.version(), JSON.writeValueAsString(map), JSON.writeValueAsString(map.compact()),
                    validUntil);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the seat map", e);
        }
    }

    private static Snapshot join(CompletableFuture<Snapshot> refresh) {
        try {
            return refresh.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
