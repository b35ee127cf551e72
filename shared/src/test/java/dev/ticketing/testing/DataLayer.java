package dev.ticketing.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.seats.items.SeatBatches;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * The data layer on its own: the shared module's real beans (Micronaut context, no HTTP, no functions) over a fresh
 * table in an in-process DynamoDB Local, created from template.yaml's {@code Table} so the tests see the keys and
 * indexes AWS will have. One DynamoDB Local per test JVM; one table per {@code DataLayer}. Hold duration 10 minutes,
 * one open hold per user and event (unless told otherwise), a clock tests move forward, and best available placed by
 * the event's allocator run in the asking thread ({@link AllocatorHere}).
 */
public final class DataLayer implements AutoCloseable {
    private static AmazonDynamoDBLocal dynamoDbLocal;

    public final TestClock clock = new TestClock();
    public final DynamoDbClient dynamo;
    public final String table;
    private final ApplicationContext context;

    public DataLayer() {
        this(1, UnaryOperator.identity());
    }

    /** The same with up to {@code maxActiveHoldsPerUser} open holds per user and event. */
    public DataLayer(int maxActiveHoldsPerUser) {
        this(maxActiveHoldsPerUser, UnaryOperator.identity());
    }

    /**
     * The same, the beans calling DynamoDB through {@code wrap} of the real client (to make a call fail, say);
     * {@link #dynamo} stays the real one.
     */
    public DataLayer(UnaryOperator<DynamoDbClient> wrap) {
        this(1, wrap);
    }

    /**
     * The same, with {@code beans} given to the context in place of its own (a stand-in for what lies outside the
     * data layer, such as a queue).
     */
    public DataLayer(UnaryOperator<DynamoDbClient> wrap, Object... beans) {
        this(1, wrap, beans);
    }

    /** The same with up to {@code maxActiveHoldsPerUser} open holds per user and event. */
    public DataLayer(int maxActiveHoldsPerUser, UnaryOperator<DynamoDbClient> wrap, Object... beans) {
        this.dynamo = dynamoDbLocal().dynamoDbClient();
        this.table = "Ticketing-" + UUID.randomUUID();
        createTableFromTemplate();
        AllocatorHere allocator = new AllocatorHere();
        boolean ownAllocation = java.util.Arrays.stream(beans)
                .anyMatch(bean -> bean instanceof dev.ticketing.holds.allocation.AllocationTrigger);
        this.context = ApplicationContext.builder()
                .properties(Map.of("table.name", table, "hold.duration", "PT10M",
                        "max.active.holds.per.user", String.valueOf(maxActiveHoldsPerUser),
                        "ticket.keys", dev.ticketing.admission.keys.KeySet.generate("k1")))
                .singletons(wrap.apply(dynamo), clock)
                .singletons(beans)
                .singletons(ownAllocation ? new Object[0] : new Object[] {allocator})
                .start();
        allocator.runIn(context);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A new event of {@code rows} x {@code columns} seats at 20.00 EUR, stored with every seat AVAILABLE. */
    public Event newEvent(int rows, int columns) {
        // at the precision the table keeps (Instants), so an event read back equals the one made
        Instant date = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(30));
        return newEvent(new Event(UUID.randomUUID().toString(), "Data layer test", date, rows, columns, "EUR",
                List.of(new PriceTier(1, rows, new BigDecimal("20.00"))), Event.rowsPerBlockFor(columns)));
    }

    /** {@code event} stored with every seat AVAILABLE (for prices, a sales window or a rule of its own). */
    public Event newEvent(Event event) {
        bean(SeatBatches.class).createAll(event);
        bean(EventReader.class).put(event);
        return event;
    }

    @Override
    public void close() {
        context.close();
        dynamo.deleteTable(b -> b.tableName(table));
    }

    private static synchronized AmazonDynamoDBLocal dynamoDbLocal() {
        if (dynamoDbLocal == null) {
            System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
            dynamoDbLocal = DynamoDBEmbedded.create(true);
            Runtime.getRuntime().addShutdownHook(new Thread(dynamoDbLocal::shutdown));
        }
        return dynamoDbLocal;
    }

    @SuppressWarnings("unchecked")
    private void createTableFromTemplate() {
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resources().get("Table")).get("Properties");
        List<Map<String, Object>> indexes = (List<Map<String, Object>>) properties.get("GlobalSecondaryIndexes");
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(((List<Map<String, Object>>) properties.get("AttributeDefinitions")).stream()
                        .map(d -> AttributeDefinition.builder().attributeName((String) d.get("AttributeName"))
                                .attributeType((String) d.get("AttributeType")).build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema")))
                .globalSecondaryIndexes(indexes.stream()
                        .map(index -> GlobalSecondaryIndex.builder()
                                .indexName((String) index.get("IndexName"))
                                .keySchema(keySchema(index.get("KeySchema")))
                                .projection(projection((Map<String, Object>) index.get("Projection")))
                                .build())
                        .toList()));
    }

    /** An index's projection: its type, and the attributes an INCLUDE copies. */
    @SuppressWarnings("unchecked")
    private static Projection projection(Map<String, Object> projection) {
        return Projection.builder().projectionType((String) projection.get("ProjectionType"))
                .nonKeyAttributes((List<String>) projection.get("NonKeyAttributes")).build();
    }

    @SuppressWarnings("unchecked")
    private static List<KeySchemaElement> keySchema(Object schema) {
        return ((List<Map<String, Object>>) schema).stream()
                .map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                        .keyType((String) k.get("KeyType")).build())
                .collect(Collectors.toList());
    }

    /** template.yaml's Resources; CloudFormation's short tags ({@code !Ref}, {@code !Sub}, ...) read as plain values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources() {
        try {
            String text = Files.readString(Path.of("..", "template.yaml"));
            Map<String, Object> template = (Map<String, Object>) new Yaml(new TagsAsValues()).load(text);
            return (Map<String, Object>) template.get("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException("template.yaml is read from the repository root", e);
        }
    }

    private static final class TagsAsValues extends SafeConstructor {
        TagsAsValues() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode scalar) {
                        return scalar.getValue();
                    }
                    if (node instanceof SequenceNode sequence) {
                        return constructSequence(sequence);
                    }
                    return constructMapping((MappingNode) node);
                }
            });
        }
    }
}
