package dev.ticketing.store;

import dev.ticketing.config.TicketingConfig;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
