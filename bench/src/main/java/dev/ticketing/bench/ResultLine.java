package dev.ticketing.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine-readable summary a benchmark prints beside its human-readable lines, and its reading by the report
 * ({@link Report}): one line per record, {@code RESULT <name> <key>=<value> <key>=<value> ...}, where the name says
 * what the record is about ({@code holdratio.project}, {@code instances.64}) and neither it, a key nor a value holds
 * whitespace or {@code =} in a key. Numbers are plain decimals ({@code 82.43}, {@code NaN}), durations in ms, shares as
 * fractions; a benchmark may print several records of one name (the report takes them in order). Lines that do not
 * start with {@code RESULT } are the human-readable output and are ignored by the parser.
 */
final class ResultLine {
    static final String PREFIX = "RESULT ";

    private ResultLine() {
    }

    /** One record: its name and its values in the order printed. */
    record Record(String name, Map<String, String> values) {
        /** The value of {@code key}, or {@code "?"} if the benchmark did not print it (the report shows the gap). */
        String get(String key) {
            return values.getOrDefault(key, "?");
        }

        /** The value of {@code key} as a number; NaN if missing or not a number. */
        double number(String key) {
            try {
                return Double.parseDouble(values.getOrDefault(key, "NaN"));
            } catch (NumberFormatException notANumber) {
                return Double.NaN;
            }
        }
    }

    /** Every record of one benchmark's output, in order. */
    record Results(List<Record> records) {
        /** The first record called {@code name}; an empty one (every value {@code "?"}) if there is none. */
        Record one(String name) {
            return find(name).orElse(new Record(name, Map.of()));
        }

        Optional<Record> find(String name) {
            return records.stream().filter(r -> r.name().equals(name)).findFirst();
        }

        /** Every record whose name starts with {@code prefix}, in order. */
        List<Record> all(String prefix) {
            return records.stream().filter(r -> r.name().startsWith(prefix)).toList();
        }

        boolean isEmpty() {
            return records.isEmpty();
        }
    }

    /**
     * {@code RESULT name k1=v1 k2=v2}: keys and values alternate in {@code keysAndValues}; a double is written as the
     * shortest plain decimal that reads back as the same double, anything else by {@code toString()}.
     *
     * @throws IllegalArgumentException if the pairs are odd, or a name, key or value holds whitespace (it would split)
     */
    static String format(String name, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up: " + List.of(keysAndValues));
        }
        StringBuilder line = new StringBuilder(PREFIX).append(token(name));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = token(String.valueOf(keysAndValues[i]));
            if (key.contains("=")) {
                throw new IllegalArgumentException("a key cannot hold '=': " + key);
            }
            line.append(' ').append(key).append('=').append(token(value(keysAndValues[i + 1])));
        }
        return line.toString();
    }

    /** Prints {@link #format} on standard output. */
    static void print(String name, Object... keysAndValues) {
        System.out.println(format(name, keysAndValues));
    }

    /** Keys and values of several groups, one after the other (e.g. a benchmark's own and {@link Latencies}'). */
    static Object[] join(Object[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray();
    }

    /** The records among {@code lines} (any output), in order; other lines are skipped. */
    static Results parse(List<String> lines) {
        List<Record> records = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = line.substring(PREFIX.length()).trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int equals = parts[i].indexOf('=');
                if (equals > 0) {
                    values.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
                }
            }
            records.add(new Record(parts[0], Collections.unmodifiableMap(values)));
        }
        return new Results(List.copyOf(records));
    }

    private static String value(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            // the shortest decimal that reads back as the same double, never rounded (the report rounds once, itself)
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static String token(String text) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a single token: '" + text + "'");
        }
        return text;
    }
}
