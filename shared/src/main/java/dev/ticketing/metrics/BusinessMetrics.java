package dev.ticketing.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Business figures (holds, sales, expiries, refunds) as CloudWatch Embedded Metric Format: one JSON line per
 * occurrence, which CloudWatch Logs turns into metrics of the namespace {@code METRICS_NAMESPACE} (default
 * {@code Ticketing}) with the one dimension {@code Stack} ({@code METRICS_STACK}, the stack's name). The line also
 * carries the log fields in force (request, hold, payment, event ids), so a dashboard spike leads to its requests.
 *
 * <p>Lines go to the logger {@value #LOGGER}, whose appender writes the message alone (see the functions'
 * logback.xml): EMF needs the line to be exactly this JSON object. Only the function handlers and controllers
 * emit figures; the rules never do.
 */
@Singleton
public class BusinessMetrics {
    /** The logger EMF lines are written to. */
    public static final String LOGGER = "ticketing.metrics";
    /** The one dimension of every figure. */
    public static final String DIMENSION = "Stack";

    /** A figure: its metric name in CloudWatch. All are counts, summed per minute on the dashboard. */
    public enum Figure {
        /** A hold placed (not a replayed idempotent answer). */
        HOLDS_PLACED("HoldsPlaced"),
        /** Seats in the holds placed. */
        SEATS_HELD("SeatsHeld"),
        /** A payment that became SUCCESS: a sale. */
        SALES("Sales"),
        /** Tickets in those sales. */
        TICKETS_SOLD("TicketsSold"),
        /** A hold ended by expiry cleanup (TTL stream or sweeper). */
        HOLDS_EXPIRED("HoldsExpired"),
        /** Money given back: a capture that came too late, or money for a failed payment. */
        REFUNDS("Refunds"),
        /** A payment that ended FAILED. */
        PAYMENTS_FAILED("PaymentsFailed");

        private final String metricName;

        Figure(String metricName) {
            this.metricName = metricName;
        }

        public String metricName() {
            return metricName;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String stack;
    private final Clock clock;

    public BusinessMetrics(@Property(name = "metrics.namespace", defaultValue = "Ticketing") String namespace,
                           @Property(name = "metrics.stack", defaultValue = "local") String stack, Clock clock) {
        this.namespace = namespace;
        this.stack = stack;
        this.clock = clock;
    }

    /** Counts {@code value} of one figure. */
    public void count(Figure figure, long value) {
        count(Map.of(figure, value));
    }

    /** Counts several figures of one occurrence in one line (zero values are left out; nothing is written if all are). */
    public void count(Map<Figure, Long> values) {
        Map<Figure, Long> nonZero = new LinkedHashMap<>();
        values.forEach((figure, value) -> {
            if (value != null && value != 0) {
                nonZero.put(figure, value);
            }
        });
        if (!nonZero.isEmpty() && LOG.isInfoEnabled()) {
            LOG.info(line(nonZero));
        }
    }

    /** The EMF document for these values, as one line. */
    String line(Map<Figure, Long> values) {
        List<Map<String, String>> metrics = new ArrayList<>();
        values.keySet().forEach(figure -> {
            Map<String, String> metric = new LinkedHashMap<>();
            metric.put("Name", figure.metricName());
            metric.put("Unit", "Count");
            metrics.add(metric);
        });
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.of(DIMENSION)));
        directive.put("Metrics", metrics);
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", clock.millis());
        aws.put("CloudWatchMetrics", List.of(directive));

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", aws);
        document.put(DIMENSION, stack);
        values.forEach((figure, value) -> document.put(figure.metricName(), value));
        Map<String, String> fields = MDC.getCopyOfContextMap();
        if (fields != null) {
            fields.forEach(document::putIfAbsent);
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
