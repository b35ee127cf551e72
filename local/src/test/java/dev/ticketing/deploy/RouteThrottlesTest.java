package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 25: every route was limited to 200 requests/s, so the holds route could not take the 1,000 attempts a second
 * the capacity model plans. Now each route has the throttle of its tier (template.yaml, HttpApi RouteSettings), sized
 * in docs/capacity.md: holds at the plan, the routes that follow a hold as much, public reads more, organisers less.
 */
class RouteThrottlesTest {
    private static final Pattern TIER = Pattern.compile("Api(\\w+)RateLimit");
    /** API Gateway's account-level burst in a region: no route's burst can be more. */
    private static final int ACCOUNT_BURST = 5_000;
    private static SamTemplate template;
    private static Map<String, Object> routeSettings;
    private static Map<String, Object> defaults;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        template = SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
        routeSettings = (Map<String, Object>) template.resources("AWS::Serverless::HttpApi").get("HttpApi").get("RouteSettings");
        defaults = template.parameterDefaults();
    }

    @Test
    void everyRouteHasTheThrottleOfItsTierAndNoOtherKeyIsThere() {
        Set<String> routes = new TreeSet<>();
        template.routes().forEach(route -> routes.add(route.method() + " " + route.path()));
        assertThat(new TreeSet<>(routeSettings.keySet())).isEqualTo(routes);
        routeSettings.forEach((route, settings) -> {
            String tier = tierOf(route);
            assertThat(settings).as(route).isEqualTo(Map.of(
                    "ThrottlingRateLimit", Map.of("Ref", "Api" + tier + "RateLimit"),
                    "ThrottlingBurstLimit", Map.of("Ref", "Api" + tier + "BurstLimit")));
        });
    }

    @Test
    void theHoldsRouteTakesThePlannedAttemptsReadsMoreOrganisersLess() {
        assertThat(tierOf("POST /events/{eventId}/holds")).isEqualTo("Holds");
        int holds = rate("Holds");
        assertThat(holds).as("the capacity model's 1,000 hold attempts a second").isEqualTo(1_000);
        assertThat(rate("Purchase")).as("at most one release, checkout, status read... per hold").isEqualTo(holds);
        assertThat(rate("PublicRead")).isGreaterThan(holds);
        assertThat(rate("Organiser")).isLessThan(holds / 10);
        for (String route : Set.of("GET /events/{eventId}/seats", "GET /events", "GET /events/{eventId}")) {
            assertThat(tierOf(route)).as(route).isEqualTo("PublicRead");
        }
        for (String route : Set.of("POST /events", "POST /events/{eventId}/cancel", "POST /payments/{paymentId}/refund")) {
            assertThat(tierOf(route)).as(route).isEqualTo("Organiser");
        }
    }

    @Test
    void eachBurstCoversItsRateAndFitsTheAccountsBurst() {
        for (String tier : Set.of("Holds", "Purchase", "PublicRead", "Organiser")) {
            int burst = ((Number) defaults.get("Api" + tier + "BurstLimit")).intValue();
            assertThat(burst).as(tier).isGreaterThanOrEqualTo(rate(tier)).isLessThanOrEqualTo(ACCOUNT_BURST);
        }
    }

    @Test
    void theCapacityModelExplainsEachTier() throws Exception {
        String capacity = Files.readString(Path.of("../docs/capacity.md"));
        for (String tier : Set.of("Holds", "Purchase", "PublicRead", "Organiser")) {
            assertThat(capacity).contains("`Api" + tier + "RateLimit`", "`Api" + tier + "BurstLimit`");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReadsDistributionTakesAnOptionalWafWebAcl() {
        Map<String, Object> config = (Map<String, Object>) template.resources("AWS::CloudFront::Distribution")
                .get("PublicReadDistribution").get("DistributionConfig");
        assertThat(config.get("WebACLId")).isEqualTo(Map.of("Fn::If", java.util.List.of("HasPublicReadsWebAcl",
                Map.of("Ref", "PublicReadsWebAclArn"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(defaults.get("PublicReadsWebAclArn")).as("none unless given").isEqualTo("");
    }

    @SuppressWarnings("unchecked")
    private static String tierOf(String route) {
        Object rate = ((Map<String, Object>) routeSettings.get(route)).get("ThrottlingRateLimit");
        Matcher tier = TIER.matcher(String.valueOf(((Map<String, Object>) rate).get("Ref")));
        assertThat(tier.matches()).as(route + " " + rate).isTrue();
        return tier.group(1);
    }

    private static int rate(String tier) {
        return ((Number) defaults.get("Api" + tier + "RateLimit")).intValue();
    }
}
