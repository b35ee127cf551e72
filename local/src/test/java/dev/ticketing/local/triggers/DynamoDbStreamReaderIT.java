package dev.ticketing.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ticketing.local.aws.DynamoDbLocal;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.store.Attr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The stream reader on DynamoDB Local's real stream, with the template's filter: a lease that TTL deletes reaches
 * the function as a DynamodbEvent, a lease deleted by a client does not. The table here has no GSI, because
 * DynamoDB Local 2.6.1 never TTL-deletes items of a table that has one (the app's table has two: see README).
 */
class DynamoDbStreamReaderIT {

    @Test
    void aTtlDeletionOfALeaseReachesTheFunctionAndAClientsDeleteDoesNot() throws Exception {
        List<DynamodbEvent> invocations = new CopyOnWriteArrayList<>();
        try (DynamoDbLocal local = DynamoDbLocal.start(0, null);
             DynamoDbStreamsClient streams = local.streamsClient()) {
            DynamoDbClient dynamo = local.client();
            String streamArn = leaseTable(dynamo);
            StreamBatches batches = new StreamBatches(
                    new StreamBatches.Settings("HoldExpiryFunction", streamArn, 25, true, true, 2, 10, 100),
                    StreamFilter.of(List.of(templatePattern())),
                    records -> {
                        DynamodbEvent event = StreamRecordJson.event(records);
                        invocations.add(event);
                        return new StreamsEventResponse(List.of());
                    },
                    null);
            try (DynamoDbStreamReader reader = DynamoDbStreamReader.start(streams, streamArn, ShardIteratorType.TRIM_HORIZON,
                    batches, "test")) {
                long past = System.currentTimeMillis() / 1000 - 60;
                dynamo.putItem(b -> b.tableName("leases").item(Map.of("pk", Attr.s("HOLD#by-ttl"), "sk", Attr.s("LEASE"),
                        "ttl", Attr.n(past))));
                dynamo.putItem(b -> b.tableName("leases").item(Map.of("pk", Attr.s("HOLD#by-client"), "sk", Attr.s("LEASE"),
                        "ttl", Attr.n(past + 86_400 * 30))));
                dynamo.deleteItem(b -> b.tableName("leases").key(Map.of("pk", Attr.s("HOLD#by-client"), "sk", Attr.s("LEASE"))));

                await().atMost(Duration.ofSeconds(40)).until(() -> !invocations.isEmpty());
            }
        }

        assertThat(invocations).hasSize(1);
        DynamodbEvent.DynamodbStreamRecord record = invocations.get(0).getRecords().get(0);
        assertThat(invocations.get(0).getRecords()).hasSize(1);
        assertThat(record.getEventName()).isEqualTo("REMOVE");
        assertThat(record.getUserIdentity().getType()).isEqualTo("Service");
        assertThat(record.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(record.getDynamodb().getKeys().get("pk").getS()).isEqualTo("HOLD#by-ttl");
        assertThat(record.getDynamodb().getOldImage().get("ttl").getN()).isNotEmpty();
        assertThat(record.getDynamodb().getSequenceNumber()).isNotEmpty();
    }

    private static String leaseTable(DynamoDbClient dynamo) {
        dynamo.createTable(b -> b.tableName("leases").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType("HASH").build(),
                        KeySchemaElement.builder().attributeName("sk").keyType("RANGE").build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
        dynamo.updateTimeToLive(b -> b.tableName("leases").timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
        return dynamo.describeTable(b -> b.tableName("leases")).table().latestStreamArn();
    }

    static String templatePattern() {
        SamTemplate.Function function = SamTemplate.fromClasspath().functions().stream()
                .filter(f -> f.id().equals("HoldExpiryFunction")).findFirst().orElseThrow();
        Map<String, Object> properties = Properties.map(function.events().get("LeaseExpired"), "Properties");
        List<?> filters = Properties.list(Properties.map(properties, "FilterCriteria"), "Filters");
        assertThat(filters).hasSize(1);
        return String.valueOf(((Map<?, ?>) filters.get(0)).get("Pattern"));
    }

}
