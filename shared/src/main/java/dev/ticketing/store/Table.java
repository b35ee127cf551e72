package dev.ticketing.store;

import dev.ticketing.config.TicketingConfig;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The single table ({@code TABLE_NAME}, declared in template.yaml) and the one way to write to it: the item owners
 * ({@code <Item>Items}) build each write with its condition, and use-case classes either put several into one
 * {@link Transaction} or run one alone with {@link #writeAlone}.
 */
@Singleton
public class Table {
    /** The most keys one BatchGetItem takes. */
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String name;

    public Table(DynamoDbClient dynamo, TicketingConfig config) {
        this.dynamo = dynamo;
        this.name = config.tableName();
    }

    public String name() {
        return name;
    }

    public DynamoDbClient client() {
        return dynamo;
    }

    /**
     * The items of these keys that exist, read strongly consistently with BatchGetItem, 100 keys a call (its limit;
     * the paginator asks again for any keys DynamoDB left unprocessed), in no particular order.
     */
    public List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT));
            dynamo.batchGetItemPaginator(b -> b.requestItems(Map.of(name,
                            KeysAndAttributes.builder().keys(chunk).consistentRead(true).build())))
                    .forEach(page -> found.addAll(page.responses().getOrDefault(name, List.of())));
        }
        return found;
    }

    /** A new, empty transaction on this table. */
    public Transaction transaction() {
        return new Transaction(dynamo);
    }

    /**
     * Runs one conditional write on its own (as PutItem, UpdateItem, DeleteItem; a condition check alone is a no-op
     * read). Returns false when its condition failed, true when it was written.
     */
    public boolean writeAlone(TransactWriteItem write) {
        try {
            if (write.update() != null) {
                Update u = write.update();
                dynamo.updateItem(b -> b.tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
                        .conditionExpression(u.conditionExpression())
                        .expressionAttributeNames(u.hasExpressionAttributeNames() ? u.expressionAttributeNames() : null)
                        .expressionAttributeValues(u.hasExpressionAttributeValues() ? u.expressionAttributeValues() : null));
            } else if (write.put() != null) {
                Put p = write.put();
                dynamo.putItem(b -> b.tableName(p.tableName()).item(p.item()).conditionExpression(p.conditionExpression())
                        .expressionAttributeNames(p.hasExpressionAttributeNames() ? p.expressionAttributeNames() : null)
                        .expressionAttributeValues(p.hasExpressionAttributeValues() ? p.expressionAttributeValues() : null));
            } else if (write.delete() != null) {
                Delete d = write.delete();
                dynamo.deleteItem(b -> b.tableName(d.tableName()).key(d.key()).conditionExpression(d.conditionExpression())
                        .expressionAttributeNames(d.hasExpressionAttributeNames() ? d.expressionAttributeNames() : null)
                        .expressionAttributeValues(d.hasExpressionAttributeValues() ? d.expressionAttributeValues() : null));
            } else {
                ConditionCheck c = write.conditionCheck();
                throw new IllegalArgumentException("a condition check on " + c.key() + " writes nothing on its own");
            }
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }
}
