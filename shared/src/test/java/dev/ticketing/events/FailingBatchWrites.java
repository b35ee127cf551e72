package dev.ticketing.events;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The real DynamoDB client, except that one BatchWriteItem call, the {@code failing}-th from now (when armed), fails
 * as a throttled or unreachable DynamoDB would: a creation that stops halfway.
 */
final class FailingBatchWrites implements DynamoDbClient {
    private final DynamoDbClient real;
    private final AtomicInteger untilFailure = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger batchWrites = new AtomicInteger();
    private final AtomicInteger getItems = new AtomicInteger();

    FailingBatchWrites(DynamoDbClient real) {
        this.real = real;
    }

    /** The {@code n}-th BatchWriteItem call from now fails (once). */
    void failCall(int n) {
        untilFailure.set(n);
    }

    int batchWrites() {
        return batchWrites.get();
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        batchWrites.incrementAndGet();
        if (untilFailure.decrementAndGet() == 0) {
            throw DynamoDbException.builder().message("injected: DynamoDB unreachable").statusCode(503).build();
        }
        return real.batchWriteItem(request);
    }

    /** GetItem calls so far: a test waits for a reader to have looked. */
    int getItems() {
        return getItems.get();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        getItems.incrementAndGet();
        return real.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return real.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return real.updateItem(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return real.deleteItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return real.query(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return real.batchGetItem(request);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return real.transactWriteItems(request);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // the real client belongs to the test's data layer
    }
}
