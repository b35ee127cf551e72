package dev.ticketing.bench;

import dev.ticketing.local.LocalOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start of each function, locally: every run is a fresh JVM ({@link ColdStartProbe}) with only the function's
 * deployable jar on its classpath, configured by environment variables against an in-memory local stack, as Lambda
 * runs it. Per function, the median of N runs of:
 * <ul>
 *   <li>{@code cold}: the handler's constructor (Lambda's init), then the first invocation (a cold start without
 *       SnapStart);</li>
 *   <li>{@code primed}: the constructor, SnapStart's priming ({@code beforeCheckpoint}), then the first invocation,
 *       which is what the first request after a SnapStart restore pays (the snapshot is taken after priming; the
 *       restore itself is Lambda's and not measured here).</li>
 * </ul>
 * Wall times, and for the cold runs also the CPU time of the thread that constructs and answers (steadier on a
 * machine busy with other work). {@code coldstart [runs] [functions folder...]}: each folder holds {@code api/target/ticketing-api.jar} and the other
 * jars ({@code functions} of this checkout by default; add another build's to compare, e.g. an older commit's). With
 * several folders the runs alternate between them, so a machine busy with other work slows each alike.
 */
final class ColdStart {
    /** One function of template.yaml: its jar, handler and a sample event that changes nothing or little. */
    private record Function(String id, String jar, String handler, String eventClass, String event) {
    }

    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";
    /** A schedule's event, short of its time (a Joda DateTime, which plain Jackson cannot read). */
    private static final String SCHEDULE = "{\"id\":\"coldstart\",\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\"}";
    private static final Pattern TIMES = Pattern.compile(
            "TIMES construct=(\\d+) prime=(\\S+) first=(\\d+) status=(\\S+) cpu-construct=(\\d+) cpu-first=(\\d+)");

    private ColdStart() {
    }

    static void run(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Path> builds = (args.length > 1 ? Arrays.stream(args, 1, args.length) : java.util.stream.Stream.of("functions"))
                .map(folder -> Path.of(folder).toAbsolutePath()).toList();
        Path scratch = Files.createTempDirectory("coldstart");
        Path probe = probeClasses(scratch);
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            bench.createEvent(10, 20);
            Map<String, String> environment = new LinkedHashMap<>(bench.stack.functionEnvironment());
            // the JVM flags template.yaml gives every function (C1 only: a short-lived function gains little from C2)
            environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            List<Function> all = List.of(
                    new Function("ApiFunction", "api/target/ticketing-api.jar", "dev.ticketing.api.lambda.ApiHandler",
                            EVENTS + "APIGatewayV2HTTPEvent", Files.readString(Path.of("events/api-list-events.json"))),
                    new Function("PaymentWebhookFunction", "payment-webhook/target/ticketing-payment-webhook.jar",
                            "dev.ticketing.paymentwebhook.PaymentWebhookHandler", EVENTS + "APIGatewayV2HTTPEvent",
                            Files.readString(Path.of("events/webhook-paypal-unsigned.json"))),
                    new Function("PaymentProcessorFunction", "payment-processor/target/ticketing-payment-processor.jar",
                            "dev.ticketing.paymentprocessor.PaymentProcessorHandler", EVENTS + "SQSEvent",
                            Files.readString(Path.of("events/sqs-payment-unknown-order.json"))),
                    new Function("PaymentReconcileFunction", "payment-processor/target/ticketing-payment-processor.jar",
                            "dev.ticketing.paymentprocessor.PaymentReconcileHandler", EVENTS + "ScheduledEvent", SCHEDULE),
                    new Function("HoldExpiryFunction", "hold-expiry/target/ticketing-hold-expiry.jar",
                            "dev.ticketing.holdexpiry.HoldLeaseExpiredHandler", EVENTS + "DynamodbEvent",
                            Files.readString(Path.of("events/hold-lease-ttl-remove.json"))),
                    new Function("ExpiredHoldSweepFunction", "hold-expiry/target/ticketing-hold-expiry.jar",
                            "dev.ticketing.holdexpiry.ExpiredHoldSweepHandler", EVENTS + "ScheduledEvent", SCHEDULE),
                    new Function("EventSeatsFunction", "event-seats/target/ticketing-event-seats.jar",
                            "dev.ticketing.eventseats.EventSeatsHandler", EVENTS + "SQSEvent",
                            Files.readString(Path.of("events/sqs-event-seats-unknown-event.json"))),
                    // a batch with no seat change (a lease's TTL deletion), as its SnapStart priming sends
                    new Function("SeatMapProjectionFunction", "seat-map/target/ticketing-seat-map.jar",
                            "dev.ticketing.seatmap.SeatMapProjectionHandler", EVENTS + "DynamodbEvent",
                            Files.readString(Path.of("events/hold-lease-ttl-remove.json"))));
            System.out.printf("Cold start per function, %d fresh JVMs per mode (java %s, %d cores, load %.1f)%n", runs,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            Map<Path, List<String>> lines = new LinkedHashMap<>();
            List<String> results = new ArrayList<>();
            for (Function function : all) {
                Path event = Files.writeString(scratch.resolve(function.id() + ".json"), function.event());
                Map<Path, List<long[]>> cold = new LinkedHashMap<>();
                Map<Path, List<long[]>> primed = new LinkedHashMap<>();
                Map<Path, String> answered = new LinkedHashMap<>();
                for (int i = 0; i < runs; i++) {
                    for (Path build : builds) {
                        Path jar = build.resolve(function.jar());
                        Matcher c = probe(jar, probe, function, event, "cold", environment);
                        cold.computeIfAbsent(build, b -> new ArrayList<>()).add(new long[] {Long.parseLong(c.group(1)),
                                Long.parseLong(c.group(3)), Long.parseLong(c.group(5)), Long.parseLong(c.group(6))});
                        Matcher p = probe(jar, probe, function, event, "primed", environment);
                        primed.computeIfAbsent(build, b -> new ArrayList<>()).add(new long[] {
                                p.group(2).equals("-") ? -1 : Long.parseLong(p.group(2)), Long.parseLong(p.group(3))});
                        answered.put(build, c.group(4));
                    }
                }
                for (Path build : builds) {
                    boolean hooks = primed.get(build).get(0)[0] >= 0;
                    lines.computeIfAbsent(build, b -> new ArrayList<>()).add(String.format(
                            "%-26s  %-15s %-15s | %-15s %-20s | %-15s %-15s %s",
                            function.id(), median(cold.get(build), 0), median(cold.get(build), 1),
                            hooks ? median(primed.get(build), 0) : "no hooks", hooks ? median(primed.get(build), 1) : "-",
                            median(cold.get(build), 2), median(cold.get(build), 3), answered.get(build)));
                    List<Object> values = new ArrayList<>(List.of("build", build.toUri(), "runs", runs));
                    values.addAll(resultValues("construct", cold.get(build), 0));
                    values.addAll(resultValues("first", cold.get(build), 1));
                    if (hooks) {
                        values.addAll(resultValues("prime", primed.get(build), 0));
                        values.addAll(resultValues("first_after_prime", primed.get(build), 1));
                    }
                    values.addAll(resultValues("cpu_construct", cold.get(build), 2));
                    values.addAll(resultValues("cpu_first", cold.get(build), 3));
                    results.add(ResultLine.format("coldstart." + function.id(), values.toArray()));
                }
            }
            lines.forEach((build, rows) -> {
                System.out.println();
                System.out.println("jars of " + build);
                System.out.println("median ms [min-max]         construct       first answer    | priming         first after priming  "
                        + "| CPU: construct  CPU: first      answered");
                rows.forEach(System.out::println);
            });
            results.forEach(System.out::println);
        }
    }

    /** This benchmark's probe classes, alone in a folder, so the child's classpath is the jar and nothing else of ours. */
    private static Path probeClasses(Path scratch) throws IOException {
        Path folder = scratch.resolve("probe");
        for (String name : List.of("ColdStartProbe")) {
            Path file = folder.resolve("dev/ticketing/bench/" + name + ".class");
            Files.createDirectories(file.getParent());
            try (InputStream in = ColdStart.class.getResourceAsStream("/dev/ticketing/bench/" + name + ".class")) {
                Files.copy(in, file);
            }
        }
        return folder;
    }

    private static Matcher probe(Path jar, Path probe, Function function, Path event, String mode,
                                 Map<String, String> environment) throws Exception {
        long started = System.nanoTime();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the function jars first (mvn -DskipTests package)");
        }
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + java.io.File.pathSeparator + probe, ColdStartProbe.class.getName(),
                function.handler(), function.eventClass(), event.toString(), mode).redirectErrorStream(true);
        child.environment().putAll(environment);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(function.id() + " did not finish");
        }
        Matcher times = TIMES.matcher(output);
        if (!times.find()) {
            throw new IllegalStateException(function.id() + " " + mode + " printed no times:\n" + output);
        }
        System.err.printf("  %s %s (%s): %s, JVM %d ms%n", function.id(), mode, jar, times.group(), (System.nanoTime() - started) / 1_000_000);
        return times;
    }

    /** {@code <name>_ms} (the median) and {@code <name>_range} ({@code min-max}) of one measure, as result values. */
    private static List<Object> resultValues(String name, List<long[]> samples, int index) {
        long[] values = sorted(samples, index);
        return List.of(name + "_ms", values[values.length / 2], name + "_range",
                values[0] + "-" + values[values.length - 1]);
    }

    private static String median(List<long[]> samples, int index) {
        long[] values = sorted(samples, index);
        return String.format("%d [%d-%d]", values[values.length / 2], values[0], values[values.length - 1]);
    }

    private static long[] sorted(List<long[]> samples, int index) {
        return samples.stream().mapToLong(sample -> sample[index]).sorted().toArray();
    }
}
