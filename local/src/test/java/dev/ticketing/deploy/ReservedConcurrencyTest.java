package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 25: no function had reserved concurrency, so an on-sale's API traffic could take the concurrency the seat-map
 * projection, hold expiry and the payment processor need, exactly when they matter. Each now reserves its own, sized
 * in docs/capacity.md, with 0 meaning no reservation (a new account whose quota is 10 can reserve nothing).
 */
class ReservedConcurrencyTest {
    /** Each consumer and the parameter that reserves its concurrency. */
    private static final Map<String, String> CONSUMERS = Map.of(
            "SeatMapProjectionFunction", "SeatMapProjectionReservedConcurrency",
            "HoldExpiryFunction", "HoldExpiryReservedConcurrency",
            "PaymentProcessorFunction", "PaymentProcessorReservedConcurrency",
            "AllocatorFunction", "AllocatorReservedConcurrency");
    /** Lambda keeps this much of an account's concurrency unreserved. */
    private static final int UNRESERVED_MINIMUM = 100;
    private static final int DEFAULT_ACCOUNT_QUOTA = 1_000;
    private static SamTemplate template;
    private static Map<String, Map<String, Object>> functions;

    @BeforeAll
    static void read() throws Exception {
        template = SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
        functions = template.resources("AWS::Serverless::Function");
    }

    @Test
    void eachStreamAndQueueConsumerOfTheOnSaleReservesItsConcurrencyAndZeroMeansNone() {
        @SuppressWarnings("unchecked")
        Map<String, Object> conditions = (Map<String, Object>) template.document().get("Conditions");
        CONSUMERS.forEach((function, parameter) -> {
            Object reserved = functions.get(function).get("ReservedConcurrentExecutions");
            assertThat(reserved).as(function).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            List<Object> choice = (List<Object>) ((Map<String, Object>) reserved).get("Fn::If");
            assertThat(choice).as(function).hasSize(3);
            assertThat(choice.get(1)).isEqualTo(Map.of("Ref", parameter));
            assertThat(choice.get(2)).as("0 is no reservation, not Lambda's 'never run'").isEqualTo(Map.of("Ref", "AWS::NoValue"));
            assertThat(conditions.get((String) choice.get(0))).as(function)
                    .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", parameter), 0)))));
            assertThat(template.parameterNames()).contains(parameter);
        });
    }

    @Test
    void everyStreamConsumerIsAmongThem() {
        functions.forEach((id, properties) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>) properties.getOrDefault("Events", Map.of());
            if (events.values().stream().anyMatch(event -> "DynamoDB".equals(event.get("Type")))) {
                assertThat(CONSUMERS).as(id + " reads the table's stream").containsKey(id);
            }
        });
    }

    @Test
    void theDefaultsCoverThePaymentQueuesConcurrencyAndLeaveTheAccountItsUnreservedPool() {
        Map<String, Object> defaults = template.parameterDefaults();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>) functions.get("PaymentProcessorFunction").get("Events");
        @SuppressWarnings("unchecked")
        Map<String, Object> scaling = (Map<String, Object>) ((Map<String, Object>) events.get("Payments").get("Properties")).get("ScalingConfig");
        int maximumConcurrency = ((Number) scaling.get("MaximumConcurrency")).intValue();
        assertThat(((Number) defaults.get("PaymentProcessorReservedConcurrency")).intValue()).isGreaterThanOrEqualTo(maximumConcurrency);

        int reserved = CONSUMERS.values().stream().mapToInt(parameter -> ((Number) defaults.get(parameter)).intValue()).sum();
        assertThat(reserved).isPositive().isLessThanOrEqualTo(DEFAULT_ACCOUNT_QUOTA - UNRESERVED_MINIMUM);
    }

    @Test
    void theCapacityModelSizesEachReservation() throws Exception {
        String capacity = Files.readString(Path.of("../docs/capacity.md"));
        CONSUMERS.values().forEach(parameter -> assertThat(capacity).contains("`" + parameter + "`"));
    }
}
