package dev.ticketing.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.lambda.LocalLambdaContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * CPU per request of the API function over many requests, through the real handler, in one thread: compact
 * seat-map reads of a small event. {@code micronaut} mode also does what Micronaut's own
 * {@link DefaultLambdaContextFactory} did on every request before the fix (register the invocation's Context and
 * logger as beans), so both behaviours are measured in one build; {@code fixed} is the system as it is.
 */
final class ContextLeak {
    private ContextLeak() {
    }

    static void run(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String mode = args.length > 1 ? args[1] : "fixed";
        int batch = Math.max(1, requests / 10);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (BenchStack bench = BenchStack.start(LocalOptions.defaults())) {
            String event = bench.createEvent(10, 20);
            ApplicationContext api = bench.stack.applicationContext("ApiFunction");
            DefaultLambdaContextFactory micronaut = new DefaultLambdaContextFactory(api);
            APIGatewayV2HTTPEvent read = APIGatewayV2HTTPEvent.builder()
                    .withRawPath("/events/" + event + "/seats").withRawQueryString("format=compact")
                    .withQueryStringParameters(Map.of("format", "compact"))
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod("GET").withPath("/events/" + event + "/seats").build())
                            .build())
                    .build();
            System.out.printf("%,d compact seat-map reads through ApiFunction, mode %s, one thread%n", requests, mode);
            System.out.println("requests        CPU ms/request  wall ms/request  Context beans");
            for (int done = 0; done < requests; ) {
                long cpuStart = cpu.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                for (int i = 0; i < batch && done < requests; i++, done++) {
                    if (mode.equals("micronaut")) {
                        micronaut.registerSingletons(LocalLambdaContext.forInvocation("ApiFunction", 29_000));
                    }
                    APIGatewayV2HTTPResponse response = bench.stack.invoke("ApiFunction", read);
                    if (response.getStatusCode() != 200) {
                        throw new IllegalStateException("read failed: " + response.getStatusCode());
                    }
                }
                System.out.printf("%,7d-%,7d  %13.3f  %15.3f  %,13d%n", done - batch + 1, done,
                        (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e6 / batch,
                        (System.nanoTime() - wallStart) / 1e6 / batch,
                        api.getBeansOfType(Context.class).size());
            }
        }
    }
}
