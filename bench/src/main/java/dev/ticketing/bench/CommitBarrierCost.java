package dev.ticketing.bench;

import dev.ticketing.local.aws.DynamoDbLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What the local stack's commit barrier costs one transaction: hold-shaped TransactWriteItems (2 updates, 3 puts)
 * against a file-backed DynamoDB Local from one thread, through the stack's client (which waits for the commit)
 * and through a plain one, in alternating blocks so that a busy machine weighs on both alike.
 */
final class CommitBarrierCost {
    private static final int BLOCKS = 16;
    private static final int WARM_UP_BLOCKS = 2;

    private CommitBarrierCost() {
    }

    static void run(String[] args) throws Exception {
        int perBlock = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        Path dir = Files.createTempDirectory("commit-barrier");
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(0, dir);
             DynamoDbClient plain = DynamoDbClient.builder().endpointOverride(dynamo.endpoint())
                     .region(DynamoDbLocal.REGION).credentialsProvider(DynamoDbLocal.CREDENTIALS).build()) {
            DynamoDbClient waiting = dynamo.client();
            waiting.createTable(b -> b.tableName("barrier-bench").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
            long[] nanos = new long[2];
            int[] count = new int[2];
            int n = 0;
            for (int block = 0; block < BLOCKS; block++) {
                int which = block % 2;
                DynamoDbClient client = which == 0 ? waiting : plain;
                for (int i = 0; i < perBlock; i++) {
                    List<TransactWriteItem> items = holdShaped("h" + n++);
                    long start = System.nanoTime();
                    client.transactWriteItems(b -> b.transactItems(items));
                    if (block >= WARM_UP_BLOCKS) {
                        nanos[which] += System.nanoTime() - start;
                        count[which]++;
                    }
                }
            }
            double with = nanos[0] / 1e6 / count[0];
            double without = nanos[1] / 1e6 / count[1];
            System.out.printf("hold-shaped TransactWriteItems, file-backed DynamoDB Local, one thread, %d each:%n", count[0]);
            System.out.printf("  waiting for the commit: %.2f ms (%.0f/s)%n", with, 1000 / with);
            System.out.printf("  answer only:            %.2f ms (%.0f/s)%n", without, 1000 / without);
            System.out.printf("  the barrier adds %.2f ms per transaction%n", with - without);
        }
    }

    private static List<TransactWriteItem> holdShaped(String id) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (int seat = 0; seat < 2; seat++) {
            String sk = "SEAT#" + seat;
            items.add(TransactWriteItem.builder().update(Update.builder().tableName("barrier-bench")
                    .key(Map.of("pk", AttributeValue.fromS("SEATS#" + id), "sk", AttributeValue.fromS(sk)))
                    .updateExpression("SET st = :reserved")
                    .expressionAttributeValues(Map.of(":reserved", AttributeValue.fromS("RESERVED"))).build()).build());
        }
        for (int item = 0; item < 3; item++) {
            String sk = "ITEM#" + item;
            items.add(TransactWriteItem.builder().put(Put.builder().tableName("barrier-bench")
                    .item(Map.of("pk", AttributeValue.fromS("HOLD#" + id), "sk", AttributeValue.fromS(sk),
                            "payload", AttributeValue.fromS("x".repeat(100)))).build()).build());
        }
        return items;
    }
}
