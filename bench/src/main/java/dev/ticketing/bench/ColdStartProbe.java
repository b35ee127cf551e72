package dev.ticketing.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child process of {@link ColdStart}, run with nothing but a function's deployable jar and this class on the
 * classpath, so every class the handler needs is loaded cold:
 * {@code java -cp <jar>:<dir of this class> dev.ticketing.bench.ColdStartProbe <handler> <event class> <event.json> cold|primed}.
 * Reads the event (with the jar's Jackson, before the clock starts), then times the handler's no-argument constructor
 * (what Lambda's init does), in {@code primed} mode its CRaC {@code beforeCheckpoint} (SnapStart's priming, called
 * by reflection since older jars have none), and the first invocation (without a Lambda context, which the
 * handlers allow); prints one line
 * {@code TIMES construct=<ms> prime=<ms or -> first=<ms> status=<answer> cpu-construct=<ms> cpu-first=<ms>}: wall
 * times, and the CPU time of the thread doing the work (which a machine busy with other work inflates far less).
 * Uses only the JDK and what every function jar carries (the Lambda core API, Jackson).
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                // the events' JSON names are capitalised ("Records", "Keys", "S"), their Java properties not
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);
        Object event = json.readValue(Files.readString(Path.of(args[2])), Class.forName(args[1]));
        boolean primed = args.length > 3 && args[3].equals("primed");

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        long constructed = System.nanoTime();
        long constructedCpu = threads.getCurrentThreadCpuTime();
        String prime = "-";
        if (primed) {
            Method hook = hook(handler);
            if (hook != null) {
                long primeStart = System.nanoTime();
                hook.invoke(handler, new Object[] {null});
                prime = String.valueOf((System.nanoTime() - primeStart) / 1_000_000);
            }
        }
        long invokedCpu = threads.getCurrentThreadCpuTime();
        long invoked = System.nanoTime();
        Object result = ((RequestHandler<Object, Object>) handler).handleRequest(event, null);
        long answered = System.nanoTime();
        long answeredCpu = threads.getCurrentThreadCpuTime();
        System.out.printf("TIMES construct=%d prime=%s first=%d status=%s cpu-construct=%d cpu-first=%d%n",
                (constructed - start) / 1_000_000, prime, (answered - invoked) / 1_000_000, status(json, result),
                (constructedCpu - startCpu) / 1_000_000, (answeredCpu - invokedCpu) / 1_000_000);
        System.exit(0);
    }

    /** The handler's {@code beforeCheckpoint(org.crac.Context)}, or null when it has no SnapStart hooks. */
    private static Method hook(Object handler) throws NoSuchMethodException {
        try {
            Class<?> resource = Class.forName("org.crac.Resource");
            return resource.isInstance(handler)
                    ? resource.getMethod("beforeCheckpoint", Class.forName("org.crac.Context")) : null;
        } catch (ClassNotFoundException noCracInTheJar) {
            return null;
        }
    }

    /** The HTTP status of an API answer, else the answer's first 60 characters of JSON. */
    private static String status(ObjectMapper json, Object result) throws Exception {
        String text = json.writeValueAsString(result);
        var tree = json.readTree(text);
        if (tree != null && tree.has("statusCode")) {
            return "http-" + tree.get("statusCode").asText();
        }
        return text.length() > 60 ? text.substring(0, 60).replace(' ', '_') : text.replace(' ', '_');
    }
}
