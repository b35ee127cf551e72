package dev.ticketing.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * An event source mapping's {@code FilterCriteria}, applied as Lambda applies it: each filter is an EventBridge
 * pattern matched against the record's JSON (the shape the function receives: {@code eventName},
 * {@code userIdentity}, {@code dynamodb.Keys}, ...); a record that matches any filter is delivered, every other
 * record is dropped as if processed. No filters: every record is delivered. The patterns are compiled by AWS's own
 * rule engine (event-ruler), the one behind EventBridge and Lambda's filtering.
 */
final class StreamFilter {
    private final Machine machine;

    private StreamFilter(Machine machine) {
        this.machine = machine;
    }

    static StreamFilter of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return new StreamFilter(null);
        }
        Machine machine = new Machine();
        for (int i = 0; i < patterns.size(); i++) {
            try {
                machine.addRule("filter-" + i, patterns.get(i));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not an event pattern: " + patterns.get(i), e);
            }
        }
        return new StreamFilter(machine);
    }

    boolean matches(JsonNode record) {
        return machine == null || !machine.rulesForJSONEvent(record).isEmpty();
    }
}
