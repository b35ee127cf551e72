import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.context.BeanRegistration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.crac.Resource;

/**
 * Run with ONLY a deployable Lambda jar on the classpath :
 * {@code java -cp <jar> PrimeHandler.java <handler class> <event class> <event.json>}. Builds the handler as Lambda
 * does (no-argument constructor, environment variables), runs its SnapStart {@code beforeCheckpoint} and
 * {@code afterRestore} as Lambda would around a snapshot, prints {@code PRIMED} and the beans its context built
 * ({@code BEANS} and one JSON list of their types), then waits for a line on standard input (the test looks at the
 * table meanwhile), invokes the handler once (without a Lambda context) and prints the result ({@code RESULT}) and the beans again.
 */
public class PrimeHandler {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                // the events' JSON names are capitalised ("Records", "Keys", "S"), their Java properties not
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        Resource hooks = (Resource) handler;
        hooks.beforeCheckpoint(null);
        hooks.afterRestore(null);
        System.out.println("PRIMED");
        System.out.println("BEANS " + json.writeValueAsString(beans(handler)));
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        Object event = json.readValue(Files.readString(Path.of(args[2])), Class.forName(args[1]));
        Object result = ((RequestHandler<Object, Object>) handler).handleRequest(event, null);
        System.out.println("RESULT " + json.writeValueAsString(Map.of("result", result == null ? Map.of() : result)));
        System.out.println("BEANS " + json.writeValueAsString(beans(handler)));
        System.exit(0);
    }

    /** The types of the singletons the handler's context has built so far (declared type and class). */
    private static TreeSet<String> beans(Object handler) {
        TreeSet<String> types = new TreeSet<>();
        for (BeanRegistration<Object> bean : ((ApplicationContextProvider) handler).getApplicationContext()
                .getActiveBeanRegistrations(Object.class)) {
            types.add(bean.getBeanDefinition().getBeanType().getName());
            types.add(bean.bean().getClass().getName());
        }
        return types;
    }
}
