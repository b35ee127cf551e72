package dev.ticketing.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.ticketing.lambda.HandlerContexts;
import dev.ticketing.local.template.LocalResources;
import dev.ticketing.local.template.SamTemplate;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.RuntimeBeanDefinition;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The functions of template.yaml, each its handler class instantiated once, as a warm Lambda container would
 * hold it. Its environment is the template's, resolved to local values, plus local properties: the endpoints of the
 * local DynamoDB and SQS, and the secrets that in AWS come from Secrets Manager. A Micronaut handler gets its own application context built from that environment.
 */
public final class LocalFunctions implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 29_000;

    private final Map<String, RequestHandler<Object, Object>> handlers = new LinkedHashMap<>();
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private final List<DynamoDbClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, ApplicationContext> contextsByFunction = new LinkedHashMap<>();

    /**
     * @param dynamoDb makes the DynamoDB client each function uses in place of the one its own configuration would
     *                 build: the local wiring's, which waits for DynamoDB Local's commits; one per function, as each
     *                 Lambda has its own (closed with the functions)
     */
    public static LocalFunctions start(SamTemplate template, LocalResources resources, Map<String, Object> localProperties,
                                       Supplier<DynamoDbClient> dynamoDb, Clock clock) {
        LocalFunctions functions = new LocalFunctions();
        for (SamTemplate.Function function : template.functions()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            function.environment().forEach((name, value) -> {
                if (!name.equals("JAVA_TOOL_OPTIONS")) {
                    properties.put(propertyName(name), resources.resolve(value));
                }
            });
            properties.putAll(localProperties);
            int before = functions.contexts.size();
            functions.handlers.put(function.id(), functions.instantiate(function.handler(), properties, dynamoDb, clock));
            if (functions.contexts.size() > before) {
                functions.contextsByFunction.put(function.id(), functions.contexts.get(before));
            }
        }
        return functions;
    }

    private DynamoDbClient ownClient(Supplier<DynamoDbClient> dynamoDb) {
        DynamoDbClient client = dynamoDb.get();
        clients.add(client);
        return client;
    }

    /** {@code TABLE_NAME} becomes {@code table.name}, as Micronaut reads environment variables. */
    static String propertyName(String environmentVariable) {
        return environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> instantiate(String handler, Map<String, Object> properties,
                                                       Supplier<DynamoDbClient> dynamoDb, Clock clock) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            Class<?> type = Class.forName(className);
            for (Constructor<?> constructor : type.getConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == ApplicationContext.class) {
                    // The same builder settings as in Lambda: environments "function" and "lambda", only the beans
                    // the handler needs
                    ApplicationContext context = HandlerContexts.builder()
                            .properties(properties)
                            .singletons(clock)
                            .beanDefinitions(RuntimeBeanDefinition.builder(DynamoDbClient.class, () -> ownClient(dynamoDb))
                                    .singleton(true).replaces(DynamoDbClient.class).build())
                            .deduceEnvironment(false)
                            .start();
                    contexts.add(context);
                    return (RequestHandler<Object, Object>) constructor.newInstance(context);
                }
            }
            return (RequestHandler<Object, Object>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load handler " + handler, e);
        }
    }

    /** Invokes the function synchronously, as API Gateway or an event source mapping would. */
    @SuppressWarnings("unchecked")
    public <T> T invoke(String functionId, Object event) {
        return invoke(functionId, event, TIMEOUT_MILLIS);
    }

    /** Invokes the function with only {@code timeLeftMillis} before its deadline, as late in a Lambda's time. */
    @SuppressWarnings("unchecked")
    public <T> T invoke(String functionId, Object event, long timeLeftMillis) {
        RequestHandler<Object, Object> handler = handlers.get(functionId);
        if (handler == null) {
            throw new IllegalArgumentException("no function " + functionId + " in template.yaml");
        }
        return (T) handler.handleRequest(event, LocalLambdaContext.forInvocation(functionId, timeLeftMillis));
    }

    /** The Micronaut application context of a function's handler (its beans), as a test looks into it. */
    public ApplicationContext applicationContext(String functionId) {
        ApplicationContext context = contextsByFunction.get(functionId);
        if (context == null) {
            throw new IllegalArgumentException("no Micronaut function " + functionId + " in template.yaml");
        }
        return context;
    }

    @Override
    public void close() {
        contexts.forEach(ApplicationContext::close);
        clients.forEach(DynamoDbClient::close);
    }
}
