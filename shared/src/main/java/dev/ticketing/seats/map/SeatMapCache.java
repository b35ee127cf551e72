package dev.ticketing.seats.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ticketing.config.SeatMapConfig;
import dev.ticketing.input.Instants;
import dev.ticketing.seats.model.RowRange;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The seat map on the hot read path. Reading a 20,000-seat map is ~20 parallel queries; doing that per request
 * would make reads cost what the crowd costs. Instead each function instance keeps, per event, one snapshot of the
 * map, each form (each page of the full one) rendered to JSON once, and
 * <ul>
 *   <li>reuses it for at most {@code SEATMAP_MAX_AGE} (default 0.25 s), so a change made anywhere is visible to
 *       every viewer within that plus one read (well within the promised 1 s);</li>
 *   <li>never past the moment the first reservation in it expires by itself, so lazy expiry shows on time;</li>
 *   <li>drops it when this instance itself holds or releases seats of the event, so a buyer sees their own change;</li>
 *   <li>coalesces: one reader refreshes an event at a time; meanwhile the others get the previous snapshot while
 *       it is younger than 1 s and no reservation in it has expired (stale-while-revalidate), else they wait for the
 *       refresh. So an instance reads each event's seats at most about 1/maxAge times a second however many people
 *       look, and only the reader that refreshes pays for the read.</li>
 * </ul>
 * The version (ETag) is a digest of what everyone sees, so an unchanged map answers {@code 304} after a refresh.
 * In AWS a 1 s CDN cache in front absorbs most requests before they reach a function at all.
 */
@Singleton
public class SeatMapCache {
    /**
     * One read of a seat map: served as is until {@code freshUntil}; after that a refresh starts, and while it runs
     * other readers may still get this one until {@code servableUntil}, never past the staleness promise. Each form
     * is rendered to JSON once, when first asked for.
     */
    public static final class Snapshot {
        private final SeatMap map;
        private final Instant readAt;
        private final Instant freshUntil;
        private final Instant servableUntil;
        /** Pages of the full form, rendered once each (a few: most viewers ask for the same pages). */
        private final Map<RowRange, String> pages = new ConcurrentHashMap<>();
        private volatile String compactJson;

        Snapshot(SeatMap map, Instant readAt, Instant freshUntil, Instant servableUntil) {
            this.map = map;
            this.readAt = readAt;
            this.freshUntil = freshUntil;
            this.servableUntil = servableUntil;
        }

        public String version() {
            return map.version();
        }

        public SeatMap map() {
            return map;
        }

        /** One page of the full form ({@link SeatMap.Page}). */
        public String fullJson(RowRange rows) {
            String known = pages.get(rows);
            if (known != null) {
                return known;
            }
            String page = render(map.page(rows));
            if (pages.size() < PAGES_KEPT) {
                pages.put(rows, page);
            }
            return page;
        }

        public String compactJson() {
            if (compactJson == null) {
                compactJson = render(map.compact());
            }
            return compactJson;
        }

        Snapshot stale(Instant now) {
            return new Snapshot(map, readAt, now, servableUntil);
        }
    }

    /** Rendered pages of the full form a snapshot keeps (any range may be asked; the usual ones are kept). */
    private static final int PAGES_KEPT = 64;

    /** How old a compact snapshot must be before a viewer asking for another version makes it read again. */
    static final Duration REREAD_AFTER = Duration.ofMillis(50);

    /** The promise: what a viewer sees is never older than this. */
    static final Duration STALENESS_LIMIT = SeatMapConfig.FRESHNESS_BOUND;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .registerModule(Instants.jsonModule());

    private final Clock clock;
    private final Duration maxAge;
    private final Cache full;
    private final Cache projected;

    public SeatMapCache(SeatMapReader seatMaps, Clock clock, SeatMapConfig config) {
        this.clock = clock;
        this.maxAge = config.maxAge();
        this.full = new Cache(seatMaps::read);
        this.projected = new Cache(seatMaps::readProjected);
    }

    /** The map read from every seat item ({@link SeatMapReader#read}): the full map's, and seat picking's. */
    public Snapshot current(String eventId) {
        return full.current(eventId);
    }

    /**
     * The map read from the compact block items ({@link SeatMapReader#readProjected}): the compact map's. A refresh
     * is one BatchGetItem of the event's blocks, so its cost grows with the event's changes (the stream's writes),
     * not with the number of instances or viewers. It shows any change within the stream's lag plus
     * {@code SEATMAP_MAX_AGE}, whoever made it; this instance's own changes too (no {@link #invalidate}: a refresh
     * before the stream has brought them would read nothing new).
     */
    public Snapshot compact(String eventId) {
        return projected.current(eventId);
    }

    /**
     * The compact map when a viewer asks for it by {@code version} (told by another instance, or by this one's
     * earlier snapshot): a snapshot of another version read more than {@link #REREAD_AFTER} ago is read again first
     * (coalesced as any refresh), so an instance that is behind catches up at once instead of answering every viewer
     * of the new version with a map the CDN may not keep. A version no read gives (an older one, or made up) still
     * answers the current snapshot, at most one read per {@code REREAD_AFTER}.
     */
    public Snapshot compact(String eventId, String version) {
        Snapshot snapshot = projected.current(eventId);
        Instant now = clock.instant();
        if (snapshot.version().equals(version) || now.isBefore(snapshot.readAt.plus(REREAD_AFTER))) {
            return snapshot;
        }
        projected.snapshots.computeIfPresent(eventId, (id, kept) -> kept == snapshot ? kept.stale(now) : kept);
        return projected.current(eventId);
    }

    /** This instance just changed the event's seats: the next reader of the full map refreshes. */
    public void invalidate(String eventId) {
        full.snapshots.computeIfPresent(eventId, (id, snapshot) -> snapshot.stale(clock.instant()));
    }

    /** One way of reading maps, with its snapshot per event and its refresh in flight per event. */
    private final class Cache {
        private final Function<String, SeatMap> source;
        private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Snapshot>> refreshing = new ConcurrentHashMap<>();

        Cache(Function<String, SeatMap> source) {
            this.source = source;
        }

        Snapshot current(String eventId) {
            Snapshot snapshot = snapshots.get(eventId);
            Instant now = clock.instant();
            if (snapshot != null && now.isBefore(snapshot.freshUntil)) {
                return snapshot;
            }
            CompletableFuture<Snapshot> mine = new CompletableFuture<>();
            CompletableFuture<Snapshot> inFlight = refreshing.putIfAbsent(eventId, mine);
            if (inFlight != null) {
                return snapshot != null && now.isBefore(snapshot.servableUntil) ? snapshot : join(inFlight);
            }
            try {
                Instant readAt = clock.instant();
                Snapshot fresh = snapshotOf(source.apply(eventId), readAt, snapshot);
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
    }

    /** A snapshot of what was just read; one of the same version as the last keeps the JSON rendered for it. */
    private Snapshot snapshotOf(SeatMap map, Instant readAt, Snapshot previous) {
        Snapshot fresh = new Snapshot(map, readAt, earliest(readAt.plus(maxAge), map.nextExpiry()),
                earliest(readAt.plus(STALENESS_LIMIT), map.nextExpiry()));
        if (previous != null && previous.version().equals(map.version())) {
            fresh.pages.putAll(previous.pages);
            fresh.compactJson = previous.compactJson;
        }
        return fresh;
    }

    private static String render(Object form) {
        try {
            return JSON.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the seat map", e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Snapshot join(CompletableFuture<Snapshot> refresh) {
        try {
            return refresh.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
