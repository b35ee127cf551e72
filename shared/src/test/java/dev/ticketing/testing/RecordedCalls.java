package dev.ticketing.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Records every request the beans send to DynamoDB, for a {@link DataLayer} built with it as the wrap: a client that
 * hands each call to the real one and keeps the request. A call made with a builder lambda is built first and then
 * recorded as its request; a paginator is recorded once, as its first request.
 */
public final class RecordedCalls implements UnaryOperator<DynamoDbClient> {
    private final List<DynamoDbRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public DynamoDbClient apply(DynamoDbClient real) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object first = args != null && args.length == 1 ? args[0] : null;
            if (first instanceof Consumer<?> && method.isDefault()) {
                // the SDK's own default method builds the request and calls the proxy again with it
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (first instanceof DynamoDbRequest request) {
                requests.add(request);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    /** How many queries (or paginators) the beans sent for the partition {@code partitionKey} so far. */
    public long queriesOf(String partitionKey) {
        return requests.stream()
                .filter(request -> request instanceof QueryRequest query && query.expressionAttributeValues().values()
                        .contains(AttributeValue.fromS(partitionKey)))
                .count();
    }

    /** Forgets what was recorded so far. */
    public void clear() {
        requests.clear();
    }
}
