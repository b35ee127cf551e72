package dev.ticketing.endtoend.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.api.seats.SeatMapController;
import dev.ticketing.config.SeatMapConfig;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import io.micronaut.context.ApplicationContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seat map's freshness through the CDN (docs/seat-map.md, the bound term by term): the local stack's read path
 * behind a two-tier shared cache (an edge in front of a regional cache) with template.yaml's PublicReadCachePolicy,
 * polled as the buyer page polls it (the version in the current 250 ms bucket of the server's clock, then the map
 * by that version). A seat changed behind the API's back (through another function's data layer) shows to the
 * poller within 1 s of the write's answer. Each tier keeps a copy for its whole TTL from when it got it, whatever its
 * age: the worst case CloudFront could do. How long each change took is printed (p99 in bench/results).
 */
class SeatMapThroughCdnIT {
    private static final Duration BOUND = SeatMapConfig.FRESHNESS_BOUND;

    private static Api api;
    private static Table table;
    private static SeatItems seatItems;
    private static EventReader events;
    private static Map<String, Object> cachePolicy;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        LocalSystem stack = TestStack.get();
        api = TestStack.api();
        ApplicationContext processor = stack.applicationContext("PaymentProcessorFunction");
        table = processor.getBean(Table.class);
        seatItems = new SeatItems(table);
        events = processor.getBean(EventReader.class);
        SamTemplate template = SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
        cachePolicy = (Map<String, Object>) template.resources("AWS::CloudFront::CachePolicy")
                .get("PublicReadCachePolicy").get("CachePolicyConfig");
    }

    @Test
    void changesMadeBehindTheApisBackReachAPollerThroughTwoCacheTiersWithinOneSecond() {
        Event event = events.get(api.createEvent(20, 50));
        Cdn regional = new Cdn(cachePolicy, path -> api.get(path, null));
        Cdn edge = new Cdn(cachePolicy, regional::get);
        Poller page = new Poller(edge, event.id());
        List<Duration> took = new ArrayList<>();
        Instant now = TestStack.clock().instant();
        int pairs = Integer.getInteger("seatmap.cdn.pairs", 10);   // a hold and a release each; more for the bench report
        for (int i = 0; i < pairs; i++) {
            SeatId seat = new SeatId(1 + (i * 7) % 20, 1 + (i * 13 + i / 20) % 50);
            String hold = "hold-cdn-" + i;
            page.refresh();
            assertThat(table.writeAlone(seatItems.take(event, seat, hold, "ticket-cdn-" + i, "user-cdn-" + i,
                    now.plus(Duration.ofMinutes(10)), now))).isTrue();
            took.add(visible(page, seat, 'R'));
            page.refresh();
            assertThat(table.writeAlone(seatItems.release(event, seat, hold))).isTrue();
            took.add(visible(page, seat, 'A'));
        }
        Collections.sort(took);
        System.out.printf("seat map through two cache tiers, write answered -> poller sees it (%d changes): "
                        + "p50 %d ms, p99 %d ms, max %d ms%n", took.size(), took.get(took.size() / 2).toMillis(),
                took.get((int) Math.ceil(took.size() * 0.99) - 1).toMillis(), took.get(took.size() - 1).toMillis());
    }

    @Test
    void aMapByItsVersionIsImmutableAnotherVersionIsNotKeptAndAFarBucketIsRefused() {
        String eventId = api.createEvent(3, 4);
        String path = "/events/" + eventId + "/seats";
        Api.Response version = api.get(path + "?format=version", null);
        assertThat(version.status()).isEqualTo(200);
        String current = version.json().get("version").asText();

        Api.Response byVersion = api.get(path + "?format=compact&v=" + current, null);
        assertThat(byVersion.json().get("version").asText()).isEqualTo(current);
        assertThat(byVersion.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        Api.Response other = api.get(path + "?format=compact&v=not-this-one", null);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.headers().firstValue("Cache-Control")).hasValue("no-store");

        long bucket = version.json().get("now").asLong() / SeatMapController.BUCKET.toMillis();
        assertThat(api.get(path + "?format=version&t=" + bucket, null).status()).isEqualTo(200);
        assertThat(api.get(path + "?format=version&t=" + (bucket - 400), null).status()).isEqualTo(400);
        assertThat(api.get(path + "?format=version&t=soon", null).status()).isEqualTo(400);
        assertThat(api.get(path + "?format=full&v=" + current, null).status()).isEqualTo(400);
    }

    private static Duration visible(Poller page, SeatId seat, char status) {
        Instant answered = Instant.now();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(10)).until(() -> {
            page.refresh();
            return page.status(seat) == status;
        });
        Duration took = Duration.between(answered, Instant.now());
        assertThat(took).isLessThanOrEqualTo(BOUND);
        return took;
    }

    /** What web/app.js does: the version in the server's current bucket, the map by version when it changed. */
    private static final class Poller {
        private final Cdn cdn;
        private final String path;
        private Long serverOffset;
        private String version;
        private JsonNode map;

        Poller(Cdn cdn, String eventId) {
            this.cdn = cdn;
            this.path = "/events/" + eventId + "/seats";
        }

        void refresh() {
            String bucket = serverOffset == null ? ""
                    : "&t=" + (System.currentTimeMillis() + serverOffset) / SeatMapController.BUCKET.toMillis();
            Api.Response current = cdn.get(path + "?format=version" + bucket);
            assertThat(current.status()).as(current.body()).isEqualTo(200);
            long sample = current.json().get("now").asLong() - System.currentTimeMillis();
            serverOffset = serverOffset == null ? sample : Math.max(serverOffset, sample);
            String wanted = current.json().get("version").asText();
            if (wanted.equals(version)) {
                return;
            }
            Api.Response answer = cdn.get(path + "?format=compact&v=" + URLEncoder.encode(wanted, StandardCharsets.UTF_8));
            if (answer.status() == 200 && answer.json().get("version").asText().equals(wanted)) {
                version = wanted;
                map = answer.json();
            }
        }

        char status(SeatId seat) {
            return map.get("rows").get(seat.row() - 1).get("seats").asText().charAt(seat.column() - 1);
        }
    }

    /**
     * One tier of a shared cache as CloudFront's cache policy makes it: keyed on the path and the policy's query
     * strings; kept for the answer's max-age clamped to [MinTTL, MaxTTL] (DefaultTTL without one), never when
     * no-store or not a 200.
     */
    private static final class Cdn {
        private static final Pattern MAX_AGE = Pattern.compile("(?:s-maxage|max-age)=(\\d+)");

        private record Kept(Api.Response answer, long until) {
        }

        private final Function<String, Api.Response> origin;
        private final long minTtl;
        private final long defaultTtl;
        private final long maxTtl;
        private final List<String> queryStrings;
        private final Map<String, Kept> kept = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        Cdn(Map<String, Object> policy, Function<String, Api.Response> origin) {
            this.origin = origin;
            this.minTtl = ((Number) policy.get("MinTTL")).longValue();
            this.defaultTtl = ((Number) policy.get("DefaultTTL")).longValue();
            this.maxTtl = ((Number) policy.get("MaxTTL")).longValue();
            Map<String, Object> keys = (Map<String, Object>) policy.get("ParametersInCacheKeyAndForwardedToOrigin");
            this.queryStrings = (List<String>) ((Map<String, Object>) keys.get("QueryStringsConfig")).get("QueryStrings");
        }

        Api.Response get(String pathAndQuery) {
            String key = key(pathAndQuery);
            long now = System.currentTimeMillis();
            Kept copy = kept.get(key);
            if (copy != null && now < copy.until()) {
                return copy.answer();
            }
            Api.Response answer = origin.apply(key);
            long ttl = ttl(answer);
            if (answer.status() == 200 && ttl > 0) {
                kept.put(key, new Kept(answer, System.currentTimeMillis() + ttl * 1000));
            }
            return answer;
        }

        private long ttl(Api.Response answer) {
            String cacheControl = answer.headers().firstValue("Cache-Control").orElse("");
            if (cacheControl.contains("no-store") || cacheControl.contains("private")) {
                return 0;
            }
            Matcher maxAge = MAX_AGE.matcher(cacheControl);
            long asked = maxAge.find() ? Long.parseLong(maxAge.group(1)) : defaultTtl;
            return Math.max(minTtl, Math.min(maxTtl, asked));
        }

        /** The path and the policy's query strings only, in the order asked (the page always asks them in one order). */
        private String key(String pathAndQuery) {
            int q = pathAndQuery.indexOf('?');
            if (q < 0) {
                return pathAndQuery;
            }
            List<String> kept = new ArrayList<>();
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (queryStrings.contains(pair.split("=", 2)[0])) {
                    kept.add(pair);
                }
            }
            return pathAndQuery.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }
    }
}
