package dev.ticketing.local.template;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what template.yaml declares (DynamoDB tables, SQS queues) in DynamoDB Local and ElasticMQ, and
 * resolves the template's {@code !Ref}/{@code !GetAtt}/{@code !Sub} to their local values, the way
 * CloudFormation would resolve them in AWS. A resource's local name is {@code ticketing-<LogicalId>}.
 */
public final class LocalResources {
    private static final String PREFIX = "ticketing-";

    private final SamTemplate template;
    private final Map<String, Object> parameters;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> arns = new HashMap<>();

    public LocalResources(SamTemplate template, Map<String, Object> parameterOverrides) {
        this.template = template;
        this.parameters = new LinkedHashMap<>(template.parameterDefaults());
        this.parameters.putAll(parameterOverrides);
        // Secrets are not created locally: the local system hands their values to the functions as properties
        // (payment secrets, the ticket key set), which win over a secret's name, so the name is never fetched.
        template.resources("AWS::SecretsManager::Secret").keySet().forEach(id -> refs.put(id, PREFIX + id));
    }

    public void createTables(DynamoDbClient dynamo) {
        template.resources("AWS::DynamoDB::Table").forEach((id, properties) -> {
            String name = PREFIX + id;
            refs.put(id, name);
            CreateTableRequest wanted = createTable(name, properties);
            try {
                addMissingIndexes(dynamo, wanted, dynamo.describeTable(b -> b.tableName(name)).table());
                return;
            } catch (ResourceNotFoundException absent) {
                // first start with this data folder
            }
            dynamo.createTable(wanted);
            Map<String, Object> ttl = SamTemplate.map(properties, "TimeToLiveSpecification");
            if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
                dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                        t -> t.attributeName((String) ttl.get("AttributeName")).enabled(true)));
            }
        });
    }

    /**
     * A data folder kept from an older template lacks the indexes added since: create them, as a CloudFormation
     * update of the table would.
     */
    private static void addMissingIndexes(DynamoDbClient dynamo, CreateTableRequest wanted, TableDescription existing) {
        java.util.Set<String> present = new java.util.HashSet<>();
        existing.globalSecondaryIndexes().forEach(index -> present.add(index.indexName()));
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            if (!present.contains(index.indexName())) {
                dynamo.updateTable(b -> b.tableName(wanted.tableName())
                        .attributeDefinitions(wanted.attributeDefinitions())
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                                .keySchema(index.keySchema()).projection(index.projection()))));
            }
        }
    }

    static CreateTableRequest createTable(String name, Map<String, Object> properties) {
        CreateTableRequest.Builder table = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties, "AttributeDefinitions").stream()
                        .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                                .attributeType((String) a.get("AttributeType")).build())
                        .toList())
                .keySchema(keySchema(list(properties, "KeySchema")));
        List<Map<String, Object>> indexes = list(properties, "GlobalSecondaryIndexes");
        if (!indexes.isEmpty()) {
            table.globalSecondaryIndexes(indexes.stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName((String) index.get("IndexName"))
                            .keySchema(keySchema(list(index, "KeySchema")))
                            .projection(projection(SamTemplate.map(index, "Projection")))
                            .build())
                    .toList());
        }
        Map<String, Object> stream = SamTemplate.map(properties, "StreamSpecification");
        if (!stream.isEmpty()) {
            table.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType((String) stream.get("StreamViewType")).build());
        }
        return table.build();
    }

    /**
     * Creates the buckets with {@code createBucket} (the local S3's); a bucket's local name is {@code ticketing-<logicalid>} in lower case, as S3
     * names are.
     */
    public void createBuckets(java.util.function.Consumer<String> createBucket) {
        template.resources("AWS::S3::Bucket").keySet().forEach(id -> {
            String name = (PREFIX + id).toLowerCase(java.util.Locale.ROOT);
            createBucket.accept(name);
            refs.put(id, name);
            arns.put(id, "arn:aws:s3:::" + name);
        });
    }

    /** An index's projection: its type, and the attributes an INCLUDE copies (none for ALL or KEYS_ONLY). */
    private static Projection projection(Map<String, Object> projection) {
        Object attributes = projection.get("NonKeyAttributes");
        return Projection.builder().projectionType((String) projection.get("ProjectionType"))
                .nonKeyAttributes(attributes == null ? null : ((List<?>) attributes).stream().map(String::valueOf).toList())
                .build();
    }

    /** Creates the queues; dead-letter queues first, so redrive policies can name them. */
    public void createQueues(SqsClient sqs) {
        Map<String, Map<String, Object>> queues = template.resources("AWS::SQS::Queue");
        queues.forEach((id, properties) -> {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            copy(properties, "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT, attributes);
            copy(properties, "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD, attributes);
            copy(properties, "DelaySeconds", QueueAttributeName.DELAY_SECONDS, attributes);
            String url = sqs.createQueue(b -> b.queueName(PREFIX + id).attributes(attributes)).queueUrl();
            refs.put(id, url);
            arns.put(id, sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN));
        });
        queues.forEach((id, properties) -> {
            Map<String, Object> redrive = SamTemplate.map(properties, "RedrivePolicy");
            if (!redrive.isEmpty()) {
                String policy = "{\"deadLetterTargetArn\":\"" + resolve(redrive.get("deadLetterTargetArn"))
                        + "\",\"maxReceiveCount\":" + redrive.get("maxReceiveCount") + "}";
                sqs.setQueueAttributes(b -> b.queueUrl(refs.get(id))
                        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
            }
        });
    }

    /** CloudFormation's pseudo parameters as the local stack answers them. */
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of("AWS::StackName", "ticketing",
            "AWS::Region", "us-east-1", "AWS::AccountId", "000000000000", "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com");

    /** What CloudFormation would put in place of a template value: {@code !Ref}, {@code !GetAtt X.Arn}, {@code !Sub}. */
    public String resolve(Object value) {
        if (value instanceof Map<?, ?> function) {
            if (function.containsKey("Ref")) {
                String name = (String) function.get("Ref");
                if (parameters.containsKey(name)) {
                    return String.valueOf(parameters.get(name));
                }
                if (refs.containsKey(name)) {
                    return refs.get(name);
                }
                if (PSEUDO_PARAMETERS.containsKey(name)) {
                    return PSEUDO_PARAMETERS.get(name);
                }
                throw new IllegalStateException("cannot resolve !Ref " + name + " locally");
            }
            if (function.containsKey("Fn::GetAtt")) {
                List<?> attribute = (List<?>) function.get("Fn::GetAtt");
                String arn = arns.get((String) attribute.get(0));
                if (arn != null && "Arn".equals(attribute.get(1))) {
                    return arn;
                }
                throw new IllegalStateException("cannot resolve !GetAtt " + attribute + " locally");
            }
            if (function.containsKey("Fn::Sub")) {
                String text = (String) function.get("Fn::Sub");
                for (Map.Entry<String, String> ref : refs.entrySet()) {
                    text = text.replace("${" + ref.getKey() + "}", ref.getValue());
                }
                for (Map.Entry<String, String> pseudo : PSEUDO_PARAMETERS.entrySet()) {
                    text = text.replace("${" + pseudo.getKey() + "}", pseudo.getValue());
                }
                return text;
            }
            throw new IllegalStateException("cannot resolve " + function + " locally");
        }
        return String.valueOf(value);
    }

    /** A physical name or URL by logical id, e.g. the table's name for {@code Table}. */
    public String ref(String logicalId) {
        return resolve(Map.of("Ref", logicalId));
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                        .keyType((String) k.get("KeyType")).build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static void copy(Map<String, Object> properties, String property, QueueAttributeName attribute,
                             Map<QueueAttributeName, String> into) {
        Object value = properties.get(property);
        if (value != null) {
            into.put(attribute, String.valueOf(value));
        }
    }
}
