package dev.ticketing.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How to run the local stack. Every flag can also be given as an environment variable: {@code --hold-duration}
 * is {@code HOLD_DURATION}, {@code --in-memory} is {@code IN_MEMORY=true}. Flags win over the environment.
 */
public record LocalOptions(int port, int dynamoDbPort, int sqsPort, Path dataDir, boolean inMemory,
                           Duration holdDuration, Duration sweepInterval, int maxSeatsPerHold, boolean demo,
                           Duration bestAvailableDeadline, String bestAvailableStrategy, int maxHoldsPerUserPerHour) {

    public static final String USAGE = """
            Usage: java -jar local/target/ticketing-local.jar [options]
              --port N               HTTP API, mock PayPal and web page (default 3000)       PORT
              --dynamodb-port N      DynamoDB Local endpoint (default 8000)                  DYNAMODB_PORT
              --sqs-port N           ElasticMQ (SQS) endpoint (default 9324)                 SQS_PORT
              --data-dir DIR         where data is kept across restarts (.ticketing-local)  DATA_DIR
              --in-memory            keep nothing on disk                                    IN_MEMORY=true
              --hold-duration D      how long a hold keeps seats, ISO-8601 (PT10M)           HOLD_DURATION
              --sweep-interval D     how often holds are swept and payments reconciled (PT30S) SWEEP_INTERVAL
              --max-seats-per-hold N seats one hold may take (10)                            MAX_SEATS_PER_HOLD
              --no-demo              do not seed the demo event                              NO_DEMO=true
              --best-available-deadline D  how long a quantity request may wait (PT5S)     BEST_AVAILABLE_DEADLINE
              --best-available-strategy S  allocator, or snapshot (the old design)        BEST_AVAILABLE_STRATEGY
              --max-holds-per-user-per-hour N  holds per user, event and hour (20; 0 off)  MAX_HOLDS_PER_USER_PER_HOUR
              --help                 show this
            """;

    public static LocalOptions defaults() {
        return parse(new String[0], name -> null);
    }

    public static LocalOptions parse(String[] args, Function<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[]{"port", "dynamodb-port", "sqs-port", "data-dir", "in-memory", "hold-duration",
                "sweep-interval", "max-seats-per-hold", "no-demo", "best-available-deadline", "best-available-strategy",
                "max-holds-per-user-per-hour"}) {
            String fromEnvironment = environment.apply(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                values.put(name, fromEnvironment);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                values.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (name.equals("in-memory") || name.equals("no-demo") || name.equals("help")) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        if (values.containsKey("help")) {
            throw new IllegalArgumentException("help");
        }
        return new LocalOptions(
                port(values, "port", 3000),
                port(values, "dynamodb-port", 8000),
                port(values, "sqs-port", 9324),
                Path.of(values.getOrDefault("data-dir", ".ticketing-local")),
                Boolean.parseBoolean(values.getOrDefault("in-memory", "false")),
                duration(values, "hold-duration", "PT10M"),
                duration(values, "sweep-interval", "PT30S"),
                Integer.parseInt(values.getOrDefault("max-seats-per-hold", "10")),
                !Boolean.parseBoolean(values.getOrDefault("no-demo", "false")),
                duration(values, "best-available-deadline", "PT5S"),
                values.getOrDefault("best-available-strategy", "allocator"),
                Integer.parseInt(values.getOrDefault("max-holds-per-user-per-hour", "20")));
    }

    /** The same options on other ports, e.g. 0 for "any free port" in tests. */
    public LocalOptions withPorts(int port, int dynamoDbPort, int sqsPort) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, bestAvailableStrategy,
                maxHoldsPerUserPerHour);
    }

    public LocalOptions withHoldDuration(Duration duration) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, duration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, bestAvailableStrategy,
                maxHoldsPerUserPerHour);
    }

    public LocalOptions withSweepInterval(Duration interval) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, interval,
                maxSeatsPerHold, demo, bestAvailableDeadline, bestAvailableStrategy,
                maxHoldsPerUserPerHour);
    }

    /** The same options with best-available placed by {@code strategy} within {@code deadline}. */
    public LocalOptions withBestAvailable(String strategy, Duration deadline) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, deadline, strategy, maxHoldsPerUserPerHour);
    }

    public LocalOptions withMaxHoldsPerUserPerHour(int max) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, bestAvailableStrategy, max);
    }

    public LocalOptions inMemoryWithoutDemo() {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, true, holdDuration, sweepInterval,
                maxSeatsPerHold, false, bestAvailableDeadline, bestAvailableStrategy,
                maxHoldsPerUserPerHour);
    }

    public LocalOptions withDataDir(Path dir) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dir, false, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, bestAvailableStrategy,
                maxHoldsPerUserPerHour);
    }

    private static int port(Map<String, String> values, String name, int fallback) {
        int port = Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--" + name + " must be a port number");
        }
        return port;
    }

    private static Duration duration(Map<String, String> values, String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 duration such as PT10M, not " + value);
        }
    }
}
