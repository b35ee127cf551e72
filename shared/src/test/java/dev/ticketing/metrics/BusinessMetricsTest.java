package dev.ticketing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.logging.LogFields;
import dev.ticketing.metrics.BusinessMetrics.Figure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class BusinessMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BusinessMetrics metrics = new BusinessMetrics("Ticketing", "ticketing-prod",
            Clock.fixed(Instant.parse("2027-01-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aLineIsAnEmbeddedMetricFormatDocumentWithTheStackDimension() throws Exception {
        Map<Figure, Long> values = new LinkedHashMap<>();
        values.put(Figure.SALES, 1L);
        values.put(Figure.TICKETS_SOLD, 3L);

        JsonNode line = JSON.readTree(metrics.line(values));

        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(Instant.parse("2027-01-01T10:00:00Z").toEpochMilli());
        assertThat(directive.get("Namespace").asText()).isEqualTo("Ticketing");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Stack\"]]");
        assertThat(directive.get("Metrics").toString())
                .isEqualTo("[{\"Name\":\"Sales\",\"Unit\":\"Count\"},{\"Name\":\"TicketsSold\",\"Unit\":\"Count\"}]");
        assertThat(line.get("Stack").asText()).isEqualTo("ticketing-prod");
        assertThat(line.get("Sales").asLong()).isEqualTo(1);
        assertThat(line.get("TicketsSold").asLong()).isEqualTo(3);
    }

    @Test
    void aLineCarriesTheLogFieldsInForceSoAFigureLeadsToItsRequest() throws Exception {
        try (LogFields.Scope scope = LogFields.scope()) {
            scope.put(LogFields.REQUEST_ID, "req-1").put(LogFields.HOLD_ID, "hold-1");
            JsonNode line = JSON.readTree(metrics.line(Map.of(Figure.HOLDS_EXPIRED, 1L)));

            assertThat(line.get("requestId").asText()).isEqualTo("req-1");
            assertThat(line.get("holdId").asText()).isEqualTo("hold-1");
        }
        assertThat(MDC.get(LogFields.HOLD_ID)).isNull();
    }
}
