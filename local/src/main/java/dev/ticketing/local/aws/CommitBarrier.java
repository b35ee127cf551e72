package dev.ticketing.local.aws;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.MDC;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Makes a successful {@code TransactWriteItems} durable before its answer reaches the caller, for DynamoDB Local
 * only: DynamoDB Local 2.6.1 answers a transaction a few milliseconds before its SQLite transaction commits, so
 * a {@code kill -9} right after the answer could lose a write that was acknowledged (a hold answered 201, a sale).
 * Any request sent after the transaction waits for that commit; this interceptor sends one, a strongly
 * consistent {@code GetItem} of the transaction's first item, and only then lets the answer through. If that read
 * fails, the call fails: an answer that cannot be made durable is not given as a success.
 *
 * <p>Single writes ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code BatchWriteItem}) are durable
 * on answer already and pass untouched; so does everything in AWS, where the local wiring does not add this.
 */
public final class CommitBarrier implements ExecutionInterceptor {
    private final DynamoDbClient reader;
    private final Map<String, List<String>> keyNames = new ConcurrentHashMap<>();

    /** @param reader a client of the same DynamoDB Local, without this interceptor */
    public CommitBarrier(DynamoDbClient reader) {
        this.reader = reader;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest transaction && transaction.hasTransactItems()
                && !transaction.transactItems().isEmpty()) {
            waitForCommit(transaction.transactItems().get(0));
        }
    }

    private void waitForCommit(TransactWriteItem item) {
        // the reads are the local wiring's, not the caller's: not logged or counted as one of a function's calls
        Map<String, String> logFields = MDC.getCopyOfContextMap();
        MDC.clear();
        try {
            read(item);
        } finally {
            if (logFields != null) {
                MDC.setContextMap(logFields);
            }
        }
    }

    private void read(TransactWriteItem item) {
        String table;
        Map<String, AttributeValue> key;
        if (item.put() != null) {
            table = item.put().tableName();
            Map<String, AttributeValue> written = item.put().item();
            key = keyNames(table).stream().collect(Collectors.toMap(name -> name, written::get));
        } else if (item.update() != null) {
            table = item.update().tableName();
            key = item.update().key();
        } else if (item.delete() != null) {
            table = item.delete().tableName();
            key = item.delete().key();
        } else {
            table = item.conditionCheck().tableName();
            key = item.conditionCheck().key();
        }
        reader.getItem(b -> b.tableName(table).key(key).consistentRead(true));
    }

    private List<String> keyNames(String table) {
        return keyNames.computeIfAbsent(table, name -> reader.describeTable(b -> b.tableName(name)).table().keySchema()
                .stream().map(KeySchemaElement::attributeName).toList());
    }
}
