package dev.ticketing.local.triggers;

import dev.ticketing.local.lambda.LocalFunctions;
import dev.ticketing.local.template.LocalResources;
import dev.ticketing.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The triggers of template.yaml that are not HTTP, run as AWS would run them: each {@code DynamoDB} event (an event
 * source mapping on a table's stream: filter, batches, retries, on-failure destination) by a
 * {@link DynamoDbStreamReader}, and each {@code Schedule}/{@code ScheduleV2} event by the {@link LocalScheduler}.
 * Everything comes from the template; a schedule's expression is resolved like any template value, so the local
 * stack sets {@code SweepInterval} to its {@code --sweep-interval}.
 */
public final class LocalTriggers implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    private static final Logger LOG = LoggerFactory.getLogger(LocalTriggers.class);

    private final List<AutoCloseable> parts = new ArrayList<>();

    private LocalTriggers() {
    }

    public static LocalTriggers start(SamTemplate template, LocalResources resources, LocalFunctions functions,
                                      DynamoDbClient dynamo, DynamoDbStreamsClient streams, SqsClient sqs) {
        LocalTriggers triggers = new LocalTriggers();
        triggers.parts.add(streams);
        try {
            LocalScheduler scheduler = null;
            for (SamTemplate.Function function : template.functions()) {
                for (Map.Entry<String, Map<String, Object>> event : function.events().entrySet()) {
                    Object type = event.getValue().get("Type");
                    Map<String, Object> properties = Properties.map(event.getValue(), "Properties");
                    if (!Properties.flag(properties, "Enabled", true)) {
                        continue;
                    }
                    if ("DynamoDB".equals(type)) {
                        triggers.parts.add(streamMapping(function.id(), event.getKey(), properties, resources, functions,
                                dynamo, streams, sqs));
                    } else if ("Schedule".equals(type) || "ScheduleV2".equals(type)) {
                        if ("DISABLED".equals(properties.get("State"))) {
                            continue;
                        }
                        if (scheduler == null) {
                            scheduler = new LocalScheduler(functions::invoke);
                            triggers.parts.add(scheduler);
                        }
                        Object expression = properties.containsKey("Schedule") ? properties.get("Schedule")
                                : properties.get("ScheduleExpression");
                        scheduler.every(ScheduleExpressions.interval(resources.resolve(expression)), function.id(),
                                "ticketing-" + function.id() + event.getKey());
                    }
                }
            }
            return triggers;
        } catch (RuntimeException | Error e) {
            triggers.close();
            throw e;
        }
    }

    private static DynamoDbStreamReader streamMapping(String functionId, String eventName, Map<String, Object> properties,
                                                      LocalResources resources, LocalFunctions functions,
                                                      DynamoDbClient dynamo, DynamoDbStreamsClient streams, SqsClient sqs) {
        String table = resources.ref(Properties.getAttOf(properties.get("Stream"), "StreamArn"));
        String streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (streamArn == null) {
            throw new IllegalStateException("table " + table + " has no stream for " + functionId + "." + eventName);
        }
        StreamBatches.Settings settings = new StreamBatches.Settings(functionId, streamArn,
                Properties.number(properties, "BatchSize", 100),
                Properties.list(properties, "FunctionResponseTypes").contains("ReportBatchItemFailures"),
                Properties.flag(properties, "BisectBatchOnFunctionError", false),
                Properties.number(properties, "MaximumRetryAttempts", -1),
                100, 5_000);
        List<String> patterns = Properties.list(Properties.map(properties, "FilterCriteria"), "Filters").stream()
                .map(filter -> String.valueOf(((Map<?, ?>) filter).get("Pattern")))
                .toList();
        Object destination = Properties.map(Properties.map(properties, "DestinationConfig"), "OnFailure").get("Destination");
        Consumer<String> onFailure = null;
        if (destination != null) {
            String queueUrl = resources.ref(Properties.getAttOf(destination, "Arn"));
            onFailure = failure -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(failure));
        }
        StreamBatches batches = new StreamBatches(settings, StreamFilter.of(patterns),
                records -> functions.invoke(functionId, StreamRecordJson.event(records)), onFailure);
        ShardIteratorType start = ShardIteratorType.fromValue(String.valueOf(properties.getOrDefault("StartingPosition", "LATEST")));
        if (start != ShardIteratorType.LATEST && start != ShardIteratorType.TRIM_HORIZON) {
            throw new IllegalStateException(functionId + "." + eventName + ": StartingPosition " + start + " is not run locally");
        }
        LOG.info("{} reads {} from {} ({} filter(s))", functionId, streamArn, start, patterns.size());
        return DynamoDbStreamReader.start(streams, streamArn, start, batches, functionId + "." + eventName);
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(parts);
        Collections.reverse(reversed);
        for (AutoCloseable part : reversed) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("could not stop {}", part, e);
            }
        }
        parts.clear();
    }
}
