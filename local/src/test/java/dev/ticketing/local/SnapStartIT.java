package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.config.SecretSource;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.events.CreateEvent;
import dev.ticketing.events.EventSeats;
import dev.ticketing.holds.ExpireHolds;
import dev.ticketing.holds.PlaceHold;
import dev.ticketing.holds.SweepExpiredHolds;
import dev.ticketing.holds.allocation.EventAllocator;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.RequestItems;
import dev.ticketing.payments.ReconcilePayments;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.queue.PaymentEventConsumer;
import dev.ticketing.payments.queue.WebhookIntake;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.map.SeatMapProjection;
import dev.ticketing.store.Table;
import dev.ticketing.testing.TestClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Each function's jar as Lambda runs it with SnapStart: in a JVM of its own with only that jar on the classpath, the
 * handler built by its no-argument constructor from environment variables, then its CRaC {@code beforeCheckpoint}
 * (priming) and {@code afterRestore}, then a real invocation ({@code /lambda/PrimeHandler.java}). For each:
 * <ul>
 *   <li>its context built none of the beans only another function needs (the webhook function no DynamoDB client,
 *       no seat store with its thread pool; the expiry functions nothing of payments; only the API the event
 *       allocator and hold placement; ...), neither for priming nor for working;</li>
 *   <li>priming ran every step and changed nothing: the table is the same item for item, nothing was queued, though
 *       the table holds expired holds and a payment due for reconciliation that a real run would act on;</li>
 *   <li>the primed handler still answers its sample event.</li>
 * </ul>
 */
class SnapStartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The stack runs an hour behind: what it holds now is long due for the functions, which read the real time. */
    private static final TestClock CLOCK = new TestClock();
    private static LocalSystem stack;
    private static String queueUrl;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startWithDueWork() throws Exception {
        CLOCK.advance(Duration.ofHours(-1));
        stack = LocalSystem.start(TestStack.options(), CLOCK);
        Api api = new Api(stack);
        PaymentsApi payments = new PaymentsApi(api, stack);
        String event = api.createEvent(3, 4);
        payments.hold(event, api.newUser("alice"), "1-1", "1-2");
        String bob = api.newUser("bob");
        payments.startPayPal(payments.hold(event, bob, "2-1"), bob);
        // a queue nobody reads: what a function sends stays there to be seen
        queueUrl = stack.sqs().createQueue(b -> b.queueName("snapstart-it")).queueUrl();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theApiFunction() throws Exception {
        Run run = primeThenInvoke("api/target/ticketing-api.jar", "dev.ticketing.api.lambda.ApiHandler",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent", Path.of("../events/api-list-events.json"));

        assertThat(run.result().get("statusCode").asInt()).as(run.result().toString()).isEqualTo(200);
        assertThat(JSON.readTree(run.result().get("body").asText()).get("events")).hasSize(1);
        run.built(SeatBatches.class, PlaceHold.class, SeatMapCache.class);
        run.builtNone(SweepExpiredHolds.class, ReconcilePayments.class, PaymentEventConsumer.class, WebhookIntake.class,
                SqsClient.class);
    }

    @Test
    void theWebhookFunction() throws Exception {
        Run run = primeThenInvoke("payment-webhook/target/ticketing-payment-webhook.jar",
                "dev.ticketing.paymentwebhook.PaymentWebhookHandler",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                Path.of("../events/webhook-paypal-unsigned.json"));

        assertThat(run.result().get("statusCode").asInt()).as(run.result().toString()).isEqualTo(401);
        run.built(WebhookIntake.class, SqsClient.class);
        run.builtNone(DynamoDbClient.class, Table.class, SeatBatches.class, EventAllocator.class,
                java.util.concurrent.ExecutorService.class);
    }

    @Test
    void thePaymentProcessorFunction() throws Exception {
        Run run = primeThenInvoke("payment-processor/target/ticketing-payment-processor.jar",
                "dev.ticketing.paymentprocessor.PaymentProcessorHandler",
                "com.amazonaws.services.lambda.runtime.events.SQSEvent", write("sqs.json", "{\"Records\":[]}"));

        assertThat(run.result().get("batchItemFailures")).as(run.result().toString()).isEmpty();
        run.built(PaymentEventConsumer.class, DynamoDbClient.class);
        run.builtNone(EventAllocator.class, PlaceHold.class, CreateEvent.class, SweepExpiredHolds.class,
                ReconcilePayments.class, WebhookIntake.class);
    }

    @Test
    void theReconciliationFunction() throws Exception {
        Run run = primeThenInvoke("payment-processor/target/ticketing-payment-processor.jar",
                "dev.ticketing.paymentprocessor.PaymentReconcileHandler",
                "com.amazonaws.services.lambda.runtime.events.ScheduledEvent", write("schedule.json", "{\"id\":\"reconcile\"}"));

        assertThat(run.result().path("found").asInt()).as(run.result().toString()).isPositive();
        run.built(ReconcilePayments.class, PaymentGateways.class);
        run.builtNone(EventAllocator.class, PlaceHold.class, CreateEvent.class, PaymentEventConsumer.class,
                WebhookIntake.class, SqsClient.class);
    }

    @Test
    void theLeaseExpiryFunction() throws Exception {
        Run run = primeThenInvoke("hold-expiry/target/ticketing-hold-expiry.jar", "dev.ticketing.holdexpiry.HoldLeaseExpiredHandler",
                "com.amazonaws.services.lambda.runtime.events.DynamodbEvent", Path.of("../events/hold-lease-ttl-remove.json"));

        assertThat(run.result().get("batchItemFailures")).as(run.result().toString()).isEmpty();
        run.built(ExpireHolds.class);
        run.builtNone(PaymentGateways.class, SecretSource.class, SqsClient.class, EventAllocator.class,
                PlaceHold.class, CreateEvent.class, SweepExpiredHolds.class);
    }

    @Test
    void theSweeperFunction() throws Exception {
        Run run = primeThenInvoke("hold-expiry/target/ticketing-hold-expiry.jar", "dev.ticketing.holdexpiry.ExpiredHoldSweepHandler",
                "com.amazonaws.services.lambda.runtime.events.ScheduledEvent", write("sweep.json", "{\"id\":\"sweep\"}"));

        assertThat(run.result().path("found").asInt()).as(run.result().toString()).isPositive();
        assertThat(run.result().path("failed").asInt()).as(run.result().toString()).isZero();
        run.built(SweepExpiredHolds.class, DynamoDbClient.class);
        run.builtNone(PaymentGateways.class, SecretSource.class, SqsClient.class, EventAllocator.class,
                PlaceHold.class, CreateEvent.class);
    }

    @Test
    void theEventSeatsFunction() throws Exception {
        Run run = primeThenInvoke("event-seats/target/ticketing-event-seats.jar", "dev.ticketing.eventseats.EventSeatsHandler",
                "com.amazonaws.services.lambda.runtime.events.SQSEvent", Path.of("../events/sqs-event-seats-unknown-event.json"));

        assertThat(run.result().get("batchItemFailures")).as(run.result().toString()).isEmpty();
        run.built(EventSeats.class, DynamoDbClient.class);
        run.builtNone(PaymentGateways.class, SecretSource.class, SqsClient.class, EventAllocator.class,
                PlaceHold.class, SweepExpiredHolds.class, ReconcilePayments.class);
    }

    @Test
    void theAllocatorFunction() throws Exception {
        Run run = primeThenInvoke("allocator/target/ticketing-allocator.jar", "dev.ticketing.allocator.AllocatorHandler",
                "com.amazonaws.services.lambda.runtime.events.SQSEvent", Path.of("../events/sqs-allocation-unknown-event.json"));

        assertThat(run.result().get("batchItemFailures")).as(run.result().toString()).isEmpty();
        run.built(EventAllocator.class, DynamoDbClient.class);
        // the queue is written to only by a run that reaches its end
        run.builtNone(PaymentGateways.class, SecretSource.class, SqsClient.class, PlaceHold.class, CreateEvent.class,
                SweepExpiredHolds.class, ReconcilePayments.class);
    }

    @Test
    void theSeatMapProjectionFunction() throws Exception {
        Run run = primeThenInvoke("seat-map/target/ticketing-seat-map.jar", "dev.ticketing.seatmap.SeatMapProjectionHandler",
                "com.amazonaws.services.lambda.runtime.events.DynamodbEvent", Path.of("../events/hold-lease-ttl-remove.json"));

        assertThat(run.result().get("batchItemFailures")).as(run.result().toString()).isEmpty();
        run.built(SeatMapProjection.class);
        run.builtNone(PaymentGateways.class, SecretSource.class, SqsClient.class, EventAllocator.class,
                PlaceHold.class, CreateEvent.class, SweepExpiredHolds.class, ReconcilePayments.class);
    }

    /** The invocation's result and the bean types the handler's context had built after priming and after working. */
    private record Run(JsonNode result, Set<String> primedBeans, Set<String> beans) {
        void built(Class<?>... types) {
            for (Class<?> type : types) {
                assertThat(beans).as("built after working").contains(type.getName());
            }
        }

        void builtNone(Class<?>... types) {
            for (Class<?> type : types) {
                assertThat(primedBeans).as("built by priming").doesNotContain(type.getName());
                assertThat(beans).as("built after working").doesNotContain(type.getName());
            }
        }
    }

    private Run primeThenInvoke(String jarUnderFunctions, String handler, String eventClass, Path event) throws Exception {
        Path jar = Path.of("../functions", jarUnderFunctions);
        assumeTrue(Files.exists(jar), "the Lambda jars are built by `mvn package`; run `mvn verify`");
        Path runner = Path.of(SnapStartIT.class.getResource("/lambda/PrimeHandler.java").toURI());
        List<Map<String, AttributeValue>> tableBefore = table();
        ProcessBuilder lambda = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), runner.toString(), handler, eventClass, event.toString()).redirectErrorStream(true);
        lambda.environment().putAll(environment());
        Process process = lambda.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals("PRIMED")) {
                output.add(line);
            }
            assertThat(line).as("no PRIMED from %s:\n%s", handler, String.join("\n", output)).isEqualTo("PRIMED");
            assertThat(output).as("the priming log").anyMatch(log -> log.matches(".*primed for SnapStart: (\\d+) of \\1 steps.*"));
            Set<String> primedBeans = beans(lines.readLine());

            assertThat(table()).as("the table after priming").isEqualTo(tableBefore);
            assertThat(queuedMessages()).as("messages queued by priming").isZero();

            input.write("go\n");
            input.flush();
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String result = output.stream().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no result from " + handler + ":\n" + String.join("\n", output)));
            String beansAfter = output.stream().filter(l -> l.startsWith("BEANS ")).reduce((a, b) -> b).orElseThrow();
            return new Run(JSON.readTree(result.substring("RESULT ".length())).get("result"), primedBeans, beans(beansAfter));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Set<String> beans(String line) throws Exception {
        assertThat(line).startsWith("BEANS ");
        Set<String> beans = new TreeSet<>();
        JSON.readTree(line.substring("BEANS ".length())).forEach(type -> beans.add(type.asText()));
        return beans;
    }

    private static List<Map<String, AttributeValue>> table() {
        return RequestItems.of(stack);
    }

    private static int queuedMessages() {
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** What the functions need to work against the stack, with the queue nobody reads. */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(stack.functionEnvironment());
        environment.put("PAYMENTS_QUEUE_URL", queueUrl);
        return environment;
    }

    private Path write(String name, String json) throws Exception {
        return Files.writeString(scratch.resolve(name), json);
    }
}
