package dev.ticketing.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's filter of EventSeatsFunction, applied by AWS's own rule engine as Lambda applies it: only an event
 * item CREATING without a creation lease starts the function (a big hall the API left to it, or one a retried POST
 * handed back); the API's own small halls (a lease from the start), claims, renewals, ON_SALE, FAILED and seats do not.
 */
class EventSeatsFilterTest {
    private final StreamFilter filter = StreamFilter.of(List.of(pattern()));

    @Test
    void anEventCreatingWithoutALeaseIsDeliveredInsertedOrHandedBack() {
        assertThat(filter.matches(event("INSERT", "CREATING", false))).isTrue();
        assertThat(filter.matches(event("MODIFY", "CREATING", false))).isTrue();
    }

    @Test
    void aLeasedOrFinishedOrFailedEventAndOtherItemsAreNot() {
        assertThat(filter.matches(event("INSERT", "CREATING", true))).as("a small hall the API writes").isFalse();
        assertThat(filter.matches(event("MODIFY", "CREATING", true))).as("a claim or a renewal").isFalse();
        assertThat(filter.matches(event("MODIFY", "ON_SALE", false))).isFalse();
        assertThat(filter.matches(event("MODIFY", "FAILED", false))).isFalse();
        assertThat(filter.matches(event("REMOVE", "CREATING", false))).isFalse();
        ObjectNode seat = event("INSERT", "CREATING", false);
        ((ObjectNode) seat.path("dynamodb").path("Keys").path("pk")).put("S", "SEATS#e-1#0");
        assertThat(filter.matches(seat)).isFalse();
    }

    private static ObjectNode event(String eventName, String status, boolean leased) {
        ObjectNode record = StreamRecordJson.JSON.createObjectNode();
        record.put("eventName", eventName);
        record.put("eventSource", "aws:dynamodb");
        ObjectNode change = record.putObject("dynamodb");
        ObjectNode keys = change.putObject("Keys");
        keys.putObject("pk").put("S", "EVENT#e-1");
        keys.putObject("sk").put("S", "META");
        ObjectNode image = change.putObject("NewImage");
        image.putObject("pk").put("S", "EVENT#e-1");
        image.putObject("sk").put("S", "META");
        image.putObject("status").put("S", status);
        if (leased) {
            image.putObject("lease_owner").put("S", "writer-1");
            image.putObject("lease_until").put("N", "1795521600000");
        }
        return record;
    }

    private static String pattern() {
        SamTemplate.Function function = SamTemplate.fromClasspath().functions().stream()
                .filter(f -> f.id().equals("EventSeatsFunction")).findFirst().orElseThrow();
        Map<String, Object> properties = Properties.map(function.events().get("EventCreating"), "Properties");
        List<?> filters = Properties.list(Properties.map(properties, "FilterCriteria"), "Filters");
        assertThat(filters).hasSize(1);
        return String.valueOf(((Map<?, ?>) filters.get(0)).get("Pattern"));
    }
}
