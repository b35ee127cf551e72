package dev.ticketing.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How to run the local stack. Every flag can also be given as an environment variable: {@code --hold-duration}
 * is {@code HOLD_DURATION}, {@code --in-memory} is {@code IN_MEMORY=true}. Flags win over the environment.
 * Anything the parser does not know, or cannot read, is refused with one line that says what and how to fix it
 * ({@link #parse} throws {@link InvalidOptionException}); nothing is silently ignored.
 *
 * @param paypalUrl a PayPal REST root to use instead of the built-in mock PayPal (null: the mock, mounted on the
 *                  front); its client id, secret and webhook id are the mock's unless {@code PAYPAL_CLIENT_ID},
 *                  {@code PAYPAL_CLIENT_SECRET} and {@code PAYPAL_WEBHOOK_ID} say otherwise
 * @param parameterOverrides values of template.yaml's parameters, as {@code sam deploy --parameter-overrides} takes
 *                  them ({@code --parameter-overrides PaymentGrace=PT1M HoldDuration=PT2M}); they win over the flags
 *                  above that set the same parameter; a name the template does not declare is refused
 * @param awsEndpoint an endpoint serving DynamoDB (with streams) and SQS, such as LocalStack's, to keep the table and
 *                  queues in instead of starting DynamoDB Local and ElasticMQ (null: start them); the handlers still
 *                  run in this JVM, and the data is wherever that endpoint keeps it
 */
public record LocalOptions(int port, int dynamoDbPort, int sqsPort, Path dataDir, boolean inMemory,
                           Duration holdDuration, Duration sweepInterval, int maxSeatsPerHold, boolean demo,
                           Duration bestAvailableDeadline, int maxHoldsPerUserPerHour,
                           URI paypalUrl, Map<String, String> parameterOverrides, URI awsEndpoint) {

    public LocalOptions {
        parameterOverrides = Map.copyOf(parameterOverrides);
    }

    public static final String USAGE = """
            Usage: java -jar local/target/ticketing-local.jar [options]
                   java -jar local/target/ticketing-local.jar check [--help]   (check a table's invariants)
              --port N               HTTP API, mock PayPal and web page (default 3000)       PORT
              --dynamodb-port N      DynamoDB Local endpoint (default 8000)                  DYNAMODB_PORT
              --sqs-port N           ElasticMQ (SQS) endpoint (default 9324)                 SQS_PORT
              --data-dir DIR         where data is kept across restarts (.ticketing-local)  DATA_DIR
              --in-memory            keep nothing on disk                                    IN_MEMORY=true
              --hold-duration D      how long a hold keeps seats, ISO-8601 (PT10M)           HOLD_DURATION
              --sweep-interval D     how often holds are swept and payments reconciled (PT30S) SWEEP_INTERVAL
              --max-seats-per-hold N seats one hold may take, 1-22 (10)                      MAX_SEATS_PER_HOLD
              --no-demo              do not seed the demo event                              NO_DEMO=true
              --best-available-deadline D  how long a quantity request may wait (PT5S)     BEST_AVAILABLE_DEADLINE
              --max-holds-per-user-per-hour N  holds per user and event in any hour (20; 0 off)  MAX_HOLDS_PER_USER_PER_HOUR
              --paypal-url URL       a PayPal (or mock) elsewhere instead of the built-in one PAYPAL_URL
              --parameter-overrides K=V ...  template.yaml parameters, as sam deploy takes them  PARAMETER_OVERRIDES
              --aws-endpoint URL     DynamoDB and SQS elsewhere (LocalStack), not in this JVM AWS_ENDPOINT
              --help                 show this
            Every port must be free and a data folder may serve one running stack at a time.
            """;

    /** The flags, and whether each takes a value. */
    private static final Map<String, Boolean> FLAGS = flags();

    /** A flag or environment variable the stack cannot use; the message is one line saying what and how to fix it. */
    public static final class InvalidOptionException extends IllegalArgumentException {
        public InvalidOptionException(String message) {
            super(message);
        }
    }

    /** {@code --help} was asked for. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }

    private static Map<String, Boolean> flags() {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (String valued : new String[]{"port", "dynamodb-port", "sqs-port", "data-dir", "hold-duration",
                "sweep-interval", "max-seats-per-hold", "best-available-deadline",
                "max-holds-per-user-per-hour", "paypal-url", "parameter-overrides", "aws-endpoint"}) {
            flags.put(valued, true);
        }
        for (String bare : new String[]{"in-memory", "no-demo", "help"}) {
            flags.put(bare, false);
        }
        return flags;
    }

    public static LocalOptions defaults() {
        return parse(new String[0], name -> null);
    }

    /**
     * Reads the flags, then the environment for what the flags leave out.
     *
     * @throws InvalidOptionException an unknown flag, a flag without its value, a value that cannot be read
     * @throws HelpRequested          {@code --help}
     */
    public static LocalOptions parse(String[] args, Function<String, String> environment) {
        Map<String, Value> values = new HashMap<>();
        for (String name : FLAGS.keySet()) {
            if (name.equals("help")) {
                continue;
            }
            String variable = environmentName(name);
            String fromEnvironment = environment.apply(variable);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                values.put(name, new Value(fromEnvironment.trim(), "environment variable " + variable));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new InvalidOptionException("unexpected argument '" + arg + "': options start with --"
                        + " (run with --help to see them)");
            }
            String name = arg.substring(2);
            String inline = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                inline = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Boolean takesValue = FLAGS.get(name);
            if (takesValue == null) {
                throw new InvalidOptionException("unknown option --" + name + " (run with --help to see the options)");
            }
            if (!takesValue) {
                if (inline != null && !inline.equalsIgnoreCase("true")) {
                    throw new InvalidOptionException("--" + name + " takes no value: write --" + name + " alone");
                }
                values.put(name, new Value("true", "--" + name));
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new InvalidOptionException("--" + name + " needs a value, e.g. --" + name + " " + example(name));
                }
                value = args[++i];
                // like sam's, it takes every Key=Value up to the next option
                while (name.equals("parameter-overrides") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = value + "\n" + args[++i];
                }
            }
            if (value.isBlank()) {
                throw new InvalidOptionException("--" + name + " needs a value, e.g. --" + name + " " + example(name));
            }
            values.put(name, new Value(value, "--" + name));
        }
        if (values.containsKey("help")) {
            throw new HelpRequested();
        }
        return new LocalOptions(
                port(values, "port", 3000),
                port(values, "dynamodb-port", 8000),
                port(values, "sqs-port", 9324),
                Path.of(values.containsKey("data-dir") ? values.get("data-dir").text() : ".ticketing-local"),
                bool(values, "in-memory"),
                duration(values, "hold-duration", "PT10M"),
                duration(values, "sweep-interval", "PT30S"),
                number(values, "max-seats-per-hold", 10, 1, 22),
                !bool(values, "no-demo"),
                duration(values, "best-available-deadline", "PT5S"),
                number(values, "max-holds-per-user-per-hour", 20, 0, 1_000_000),
                url(values, "paypal-url"),
                overrides(values, "parameter-overrides"),
                url(values, "aws-endpoint"));
    }

    private record Value(String text, String source) {
    }

    private static String environmentName(String flag) {
        return flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String example(String name) {
        return switch (name) {
            case "port" -> "3000";
            case "dynamodb-port" -> "8000";
            case "sqs-port" -> "9324";
            case "data-dir" -> ".ticketing-local";
            case "hold-duration" -> "PT10M";
            case "sweep-interval" -> "PT30S";
            case "max-seats-per-hold" -> "10";
            case "best-available-deadline" -> "PT5S";
            case "max-holds-per-user-per-hour" -> "20";
            case "paypal-url" -> "http://127.0.0.1:3100/mock-paypal";
            case "parameter-overrides" -> "PaymentGrace=PT1M HoldDuration=PT2M";
            case "aws-endpoint" -> "http://localhost:4566";
            default -> "VALUE";
        };
    }

    /** The same options on other ports, e.g. 0 for "any free port" in tests. */
    public LocalOptions withPorts(int port, int dynamoDbPort, int sqsPort) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, maxHoldsPerUserPerHour, paypalUrl, parameterOverrides, awsEndpoint);
    }

    public LocalOptions withHoldDuration(Duration duration) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, duration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, maxHoldsPerUserPerHour, paypalUrl, parameterOverrides, awsEndpoint);
    }

    public LocalOptions withSweepInterval(Duration interval) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, interval,
                maxSeatsPerHold, demo, bestAvailableDeadline, maxHoldsPerUserPerHour, paypalUrl, parameterOverrides, awsEndpoint);
    }

    /** The same options with best-available requests placed within {@code deadline}. */
    public LocalOptions withBestAvailableDeadline(Duration deadline) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, deadline, maxHoldsPerUserPerHour, paypalUrl, parameterOverrides, awsEndpoint);
    }

    public LocalOptions withMaxHoldsPerUserPerHour(int max) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, max, paypalUrl, parameterOverrides, awsEndpoint);
    }

    public LocalOptions inMemoryWithoutDemo() {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, true, holdDuration, sweepInterval,
                maxSeatsPerHold, false, bestAvailableDeadline, maxHoldsPerUserPerHour, paypalUrl, parameterOverrides, awsEndpoint);
    }

    public LocalOptions withDataDir(Path dir) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dir, false, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, maxHoldsPerUserPerHour, paypalUrl, parameterOverrides, awsEndpoint);
    }

    /** The same options with template.yaml's parameter {@code name} set to {@code value}. */
    public LocalOptions withParameter(String name, String value) {
        Map<String, String> overrides = new java.util.LinkedHashMap<>(parameterOverrides);
        overrides.put(name, value);
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, maxHoldsPerUserPerHour, paypalUrl, overrides, awsEndpoint);
    }

    /** The same options with the table and queues at {@code endpoint} (e.g. LocalStack's), not in this JVM. */
    public LocalOptions withAwsEndpoint(URI endpoint) {
        return new LocalOptions(port, dynamoDbPort, sqsPort, dataDir, inMemory, holdDuration, sweepInterval,
                maxSeatsPerHold, demo, bestAvailableDeadline, maxHoldsPerUserPerHour, paypalUrl, parameterOverrides, endpoint);
    }

    private static Map<String, String> overrides(Map<String, Value> values, String name) {
        Value value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        java.util.Set<String> declared = dev.ticketing.local.template.SamTemplate.fromClasspath().parameterNames();
        Map<String, String> overrides = new LinkedHashMap<>();
        // one pair per argument after the flag (a value may hold spaces: "SweepInterval=rate(2 minutes)"); in the
        // environment variable, pairs are separated by white space
        String separator = value.source().startsWith("--") ? "\n" : "\\s+";
        for (String pair : value.text().trim().split(separator)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InvalidOptionException(value.source() + " takes Key=Value pairs such as " + example(name)
                        + ", not '" + pair + "'");
            }
            String key = pair.substring(0, equals);
            if (!declared.contains(key)) {
                throw new InvalidOptionException(value.source() + ": template.yaml has no parameter " + key
                        + " (it has " + String.join(", ", declared) + ")");
            }
            overrides.put(key, pair.substring(equals + 1));
        }
        return overrides;
    }

    private static int port(Map<String, Value> values, String name, int fallback) {
        return number(values, name, fallback, 0, 65535);
    }

    private static int number(Map<String, Value> values, String name, int fallback, int min, int max) {
        Value value = values.get(name);
        if (value == null) {
            return fallback;
        }
        String what = name.endsWith("port") ? "a port number (" + min + "-" + max + ", 0 for any free port)"
                : "a whole number from " + min + " to " + max;
        try {
            int number = Integer.parseInt(value.text());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidOptionException(value.source() + " must be " + what + ", not '" + value.text() + "'");
    }

    private static boolean bool(Map<String, Value> values, String name) {
        Value value = values.get(name);
        if (value == null) {
            return false;
        }
        if (value.text().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.text().equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidOptionException(value.source() + " must be true or false, not '" + value.text() + "'");
    }

    private static Duration duration(Map<String, Value> values, String name, String fallback) {
        Value value = values.get(name);
        if (value == null) {
            return Duration.parse(fallback);
        }
        try {
            Duration duration = Duration.parse(value.text());
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new InvalidOptionException(value.source() + " must be a positive ISO-8601 duration such as "
                + example(name) + ", not '" + value.text() + "'");
    }

    private static URI url(Map<String, Value> values, String name) {
        Value value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.text());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value.text().endsWith("/") ? URI.create(value.text().substring(0, value.text().length() - 1)) : uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new InvalidOptionException(value.source() + " must be an http(s) URL such as " + example(name)
                + ", not '" + value.text() + "'");
    }
}
