import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run with ONLY a deployable Lambda jar on the classpath (java -cp ticketing-api.jar InvokeHandler.java event.json):
 * loads the handler the way Lambda does (no-argument constructor, environment variables), invokes it once with an
 * API Gateway event, prints the response as one JSON line.
 */
public class InvokeHandler {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayV2HTTPEvent event = json.readValue(Files.readString(Path.of(args[0])), APIGatewayV2HTTPEvent.class);
        var handler = new io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        System.out.println("RESPONSE " + json.writeValueAsString(Map.of("status", response.getStatusCode(),
                "body", response.getBody() == null ? "" : response.getBody())));
        System.exit(0);
    }
}
