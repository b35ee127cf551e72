import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run with ONLY a deployable Lambda jar on the classpath:
 * {@code java -cp <jar> InvokeHandler.java <handler class> <event class> <event.json>}. Loads the handler the way
 * Lambda does (no-argument constructor, environment variables), invokes it once, prints the result as one JSON line.
 */
public class InvokeHandler {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Object event = json.readValue(Files.readString(Path.of(args[2])), Class.forName(args[1]));
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) Class.forName(args[0]).getConstructor().newInstance();
        Object result = handler.handleRequest(event, null);
        System.out.println("RESULT " + json.writeValueAsString(Map.of("result", result == null ? Map.of() : result)));
        System.exit(0);
    }
}
