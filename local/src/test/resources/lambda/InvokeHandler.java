import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run with ONLY a deployable Lambda jar on the classpath:
 * {@code java -cp <jar> InvokeHandler.java <handler class> <event class> <event.json>}. Loads the handler the way
 * Lambda does (no-argument constructor, environment variables), invokes it once with a context whose request id is
 * {@code invoke-handler-request}, prints the result as one JSON line.
 */
public class InvokeHandler {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Object event = json.readValue(Files.readString(Path.of(args[2])), Class.forName(args[1]));
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) Class.forName(args[0]).getConstructor().newInstance();
        Object result = handler.handleRequest(event, new InvocationContext());
        System.out.println("RESULT " + json.writeValueAsString(Map.of("result", result == null ? Map.of() : result)));
        System.exit(0);
    }

    /** What Lambda hands a handler, as far as a handler here reads it. */
    static final class InvocationContext implements Context {
        private final long deadline = System.currentTimeMillis() + 30_000;

        @Override
        public String getAwsRequestId() {
            return "invoke-handler-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/invoke-handler";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "invoke-handler";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:invoke-handler";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.write(message, 0, message.length);
                }
            };
        }
    }
}
