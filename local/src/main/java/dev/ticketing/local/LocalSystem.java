package dev.ticketing.local;

import dev.ticketing.local.auth.LocalJwt;
import dev.ticketing.local.aws.AwsEndpoint;
import dev.ticketing.local.aws.DynamoDbLocal;
import dev.ticketing.local.aws.DynamoDbService;
import dev.ticketing.local.aws.ElasticMq;
import dev.ticketing.local.aws.FreePort;
import dev.ticketing.local.aws.LocalS3;
import dev.ticketing.local.aws.SqsService;
import dev.ticketing.local.http.HttpFront;
import dev.ticketing.local.http.StaticFiles;
import dev.ticketing.local.lambda.LocalFunctions;
import dev.ticketing.local.mail.LocalMailServer;
import dev.ticketing.local.mail.MailboxHandler;
import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.startup.DataFolderLock;
import dev.ticketing.local.startup.StartupProblem;
import dev.ticketing.local.template.LocalResources;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.local.triggers.LocalTriggers;
import dev.ticketing.local.triggers.SqsEventSourcePoller;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole system in one JVM: DynamoDB Local, ElasticMQ, the resources and functions of template.yaml, and an
 * API Gateway-like HTTP front. It composes the real handlers and holds no business rule of its own.
 */
public final class LocalSystem implements AutoCloseable {
    private final List<AutoCloseable> parts;
    private final DynamoDbService dynamo;
    private final SqsService sqs;
    private final LocalResources resources;
    private final LocalJwt jwt;
    private final HttpFront front;
    private final LocalFunctions functions;
    private LocalPayments payments;
    private SqsEventSourcePoller sqsPoller;
    private LocalS3 s3;
    private LocalMailServer mail;
    /** Who the local stack's mails are from, unless {@code MailFrom} is given. */
    public static final String LOCAL_SENDER = "tickets@ticketing.local";

    private LocalSystem(List<AutoCloseable> parts, DynamoDbService dynamo, SqsService sqs, LocalResources resources,
                       LocalJwt jwt, HttpFront front, LocalFunctions functions) {
        this.parts = parts;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.resources = resources;
        this.jwt = jwt;
        this.front = front;
        this.functions = functions;
    }

    public static LocalSystem start(LocalOptions options) throws Exception {
        return start(options, Clock.systemUTC());
    }

    /** Starts the stack; tests may pass their own clock, which every function then uses. */
    public static LocalSystem start(LocalOptions options, Clock clock) throws Exception {
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            Path dataDir = options.inMemory() ? null : options.dataDir().toAbsolutePath();
            // what a person can fix is checked before anything starts (or logs), and told in one line (StartupProblem)
            if (dataDir != null) {
                parts.add(DataFolderLock.acquire(dataDir));
            }
            FreePort.requireFree(options.port(), "HTTP API and web page", "--port");
            DynamoDbService dynamo;
            SqsService sqs;
            if (options.awsEndpoint() != null) {
                // the table and queues at an endpoint elsewhere (LocalStack); the handlers still run here
                AwsEndpoint elsewhere = AwsEndpoint.at(options.awsEndpoint());
                dynamo = elsewhere.dynamoDb();
                parts.add(dynamo);
                sqs = elsewhere.sqs();
                parts.add(sqs);
            } else {
                InThisJvm started = startInThisJvm(options, dataDir, parts);
                dynamo = started.dynamo();
                sqs = started.sqs();
            }
            Startup.phase(options.awsEndpoint() != null ? "clients of " + options.awsEndpoint() : "DynamoDB Local and ElasticMQ");

            SamTemplate template = SamTemplate.fromClasspath();
            // the front's port is chosen first: the mock providers and the functions' config need its URL
            int port = FreePort.orAny(options.port());
            LocalPayments payments = LocalPayments.create(URI.create("http://127.0.0.1:" + port), clock, options.paypalUrl());
            parts.add(payments);
            Map<String, Object> parameters = new HashMap<>(Map.of(
                    "HoldDuration", options.holdDuration().toString(),
                    // an ISO-8601 interval, which only the local scheduler reads: EventBridge's rates stop at 1 minute
                    "SweepInterval", options.sweepInterval().toString(),
                    // locally one interval drives both background schedules: the sweeper and reconciliation
                    "ReconcileInterval", options.sweepInterval().toString(),
                    "MaxSeatsPerHold", options.maxSeatsPerHold(),
                    "JwtIssuer", LocalJwt.ISSUER,
                    "JwtAudience", LocalJwt.AUDIENCE));
            parameters.put("BestAvailableDeadline", options.bestAvailableDeadline().toString());
            parameters.put("MaxHoldsPerUserPerHour", options.maxHoldsPerUserPerHour());
            // Locally every buyer is 127.0.0.1 (one person trying several users with dev tokens), so the per-client
            // bucket on the write routes is off unless asked for: --parameter-overrides ClientWriteBurst=6
            parameters.put("ClientWriteBurst", 0);
            // the organiser claim POST /dev/token issues, so that organisers of one organisation can be tried by hand
            parameters.put("OrganizerClaim", LocalJwt.ORGANIZER_CLAIM);
            parameters.putAll(payments.templateParameters());
            // --parameter-overrides win: they are what a person asked for by name
            parameters.putAll(options.parameterOverrides());
            LocalResources resources = new LocalResources(template, parameters);
            resources.createTables(dynamo.client());
            resources.createQueues(sqs.client());
            // the exports bucket: S3's part that the API uses, in this JVM whatever the endpoint of the rest
            LocalS3 s3 = LocalS3.start(dataDir == null ? null : dataDir.resolve("s3"), Clock.systemUTC());
            parts.add(s3);
            resources.createBuckets(s3::createBucket);
            Startup.phase("table, queues and bucket");

            LocalJwt jwt = LocalJwt.create(dataDir == null ? null : dataDir.resolve("jwt-key.json"), clock);
            // each function gets a DynamoDB client of the local wiring: file-backed, it waits for each transaction's commit
            Map<String, Object> localProperties = new HashMap<>(Map.of(
                    "dynamodb.endpoint", dynamo.endpoint().toString(),
                    "sqs.endpoint", sqs.endpoint().toString(),
                    "s3.endpoint", s3.endpoint().toString(),
                    "aws.region", DynamoDbLocal.REGION.id()));
            localProperties.putAll(payments.secretProperties());
            // the ticket-code key set: the data folder's (AWS: the stack's secret, TICKET_KEYS_SECRET_NAME)
            localProperties.put("ticket.keys", LocalTicketKeys.load(dataDir));
            // the mail service: a real SMTP server here (AWS: SES); a sender unless the parameters name one
            LocalMailServer mail = LocalMailServer.start(FreePort.orAny(0));
            parts.add(mail);
            localProperties.put("smtp.host", "127.0.0.1");
            localProperties.put("smtp.port", mail.port());
            if (String.valueOf(parameters.getOrDefault("MailFrom", "")).isBlank()) {
                localProperties.put("mail.from", LOCAL_SENDER);
            }
            LocalFunctions functions = LocalFunctions.start(template, resources, localProperties, dynamo::newClient, clock);
            parts.add(functions);
            HttpFront front = HttpFront.start(port, template.routes(), functions, jwt, clock);
            parts.add(front);
            // The seat-map page: /web/ (not /web, which would also catch /webhooks/...) and the index at /
            StaticFiles web = StaticFiles.fromClasspath("web");
            front.mount("/web/", web);
            front.mount("/dev/mailbox", new MailboxHandler(mail));
            front.home(web.index());
            payments.mountOn(front);
            SqsEventSourcePoller poller = SqsEventSourcePoller.start(template, resources, sqs.client(),
                    functions::invoke, Duration.ofSeconds(1));
            parts.add(poller);
            Startup.phase("functions and HTTP front");
            parts.add(LocalTriggers.start(template, resources, functions, dynamo.client(), dynamo.streamsClient(), sqs.client()));
            Startup.phase("stream reader and schedules");

            if (options.demo()) {
                DemoEvent.seedIfEmpty(front.baseUrl(), jwt, clock);
            }
            Startup.phase("demo event");
            front.markReady();
            LocalSystem stack = new LocalSystem(parts, dynamo, sqs, resources, jwt, front, functions);
            stack.s3 = s3;
            stack.payments = payments;
            stack.sqsPoller = poller;
            stack.mail = mail;
            return stack;
        } catch (Exception | Error e) {
            closeAll(parts);
            throw e;
        }
    }

    private record InThisJvm(DynamoDbLocal dynamo, ElasticMq sqs) {
    }

    /** DynamoDB Local and ElasticMQ in this JVM, started side by side; each is added to {@code parts} once it runs. */
    private static InThisJvm startInThisJvm(LocalOptions options, Path dataDir, List<AutoCloseable> parts) {
        FreePort.requireFree(options.dynamoDbPort(), "DynamoDB Local", "--dynamodb-port");
        FreePort.requireFree(options.sqsPort(), "ElasticMQ, the SQS endpoint", "--sqs-port");
        Startup.phase("JVM");
        CompletableFuture<DynamoDbLocal> dynamoStart = CompletableFuture.supplyAsync(() -> {
            try {
                return DynamoDbLocal.start(options.dynamoDbPort(), dataDir == null ? null : dataDir.resolve("dynamodb"));
            } catch (StartupProblem e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start on port " + options.dynamoDbPort(), e);
            }
        });
        ElasticMq sqs;
        try {
            sqs = ElasticMq.start(options.sqsPort(), dataDir == null ? null : dataDir.resolve("sqs"));
        } catch (RuntimeException e) {
            closeWhenStarted(dynamoStart);
            throw e;
        }
        parts.add(sqs);
        DynamoDbLocal dynamo;
        try {
            dynamo = dynamoStart.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        parts.add(dynamo);
        return new InThisJvm(dynamo, sqs);
    }

    private static void closeWhenStarted(CompletableFuture<DynamoDbLocal> starting) {
        try {
            starting.join().close();
        } catch (Exception e) {
            // it did not start either
        }
    }

    /** Start-up phases and how long each took, logged so a slow start says where its time went. */
    private static final class Startup {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalSystem.class);
        private static long last = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

        static synchronized void phase(String name) {
            long now = System.currentTimeMillis();
            LOG.info("started {} in {} ms", name, now - last);
            last = now;
        }
    }

    public URI baseUrl() {
        return front.baseUrl();
    }

    public URI dynamoDbEndpoint() {
        return dynamo.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** The local S3 (the exports bucket), path-style. */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** Whether DynamoDB Local listens on 127.0.0.1 only (it has no host option; see {@link DynamoDbLocal}). */
    public boolean dynamoDbOnLoopbackOnly() {
        return dynamo.loopbackOnly();
    }

    public DynamoDbClient dynamoDb() {
        return dynamo.client();
    }

    public SqsClient sqs() {
        return sqs.client();
    }

    /** The local name (or URL) of a template resource by logical id, e.g. {@code Table}. */
    public String ref(String logicalId) {
        return resources.ref(logicalId);
    }

    /** A token the front accepts, as {@code POST /dev/token} would issue. */
    public String token(String userId, boolean admin) {
        return jwt.issue(userId, admin);
    }

    /** A token the front accepts with any {@code groups} claim (see {@link LocalJwt#issue(String, Object)}). */
    public String token(String userId, Object groups) {
        return jwt.issue(userId, groups);
    }

    /** The front's token issuer and checker: tokens with any claims or {@code kid} ({@link LocalJwt#sign}). */
    public LocalJwt tokens() {
        return jwt;
    }

    /**
     * The environment variables a function's deployable jar needs to work against this stack when it runs in a JVM
     * of its own, as Lambda runs it: the table and queue, the endpoints, the mock providers, any credentials.
     */
    public java.util.Map<String, String> functionEnvironment() {
        java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
        environment.put("TABLE_NAME", ref("Table"));
        environment.put("PAYMENTS_QUEUE_URL", ref("PaymentsQueue"));
        environment.put("EVENT_SEATS_QUEUE_URL", ref("EventSeatsQueue"));
        environment.put("EVENT_CANCELLATION_QUEUE_URL", ref("EventCancellationQueue"));
        environment.put("EXPORTS_BUCKET", ref("ExportsBucket"));
        environment.put("S3_ENDPOINT", s3Endpoint().toString());
        environment.put("ORDER_MAIL_QUEUE_URL", ref("OrderMailQueue"));
        environment.put("SMTP_HOST", "127.0.0.1");
        environment.put("SMTP_PORT", String.valueOf(mail.port()));
        environment.put("MAIL_FROM", LOCAL_SENDER);
        environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint().toString());
        environment.put("SQS_ENDPOINT", sqsEndpoint().toString());
        environment.put("PAYPAL_BASE_URL", payments.paypal().baseUrl().toString());
        environment.put("PAYPAL_CLIENT_ID", LocalPayments.PAYPAL_CLIENT_ID);
        environment.put("PAYPAL_CLIENT_SECRET", LocalPayments.PAYPAL_CLIENT_SECRET);
        environment.put("PAYPAL_WEBHOOK_ID", LocalPayments.PAYPAL_WEBHOOK_ID);
        environment.put("CARD_CHECKOUT_BASE_URL", payments.cardCheckout().baseUrl().toString());
        environment.put("CARD_CHECKOUT_API_KEY", LocalPayments.CARD_API_KEY);
        environment.put("CARD_CHECKOUT_WEBHOOK_SECRET", LocalPayments.CARD_WEBHOOK_SECRET);
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        return environment;
    }

    /** The mock payment providers (mock PayPal, mock card checkout) mounted on the front. */
    public LocalPayments payments() {
        return payments;
    }

    /** The local SMTP server the mails go to (its mailbox; tests take it down and back up). */
    public LocalMailServer mail() {
        return mail;
    }

    /** The SQS event source mappings (the payments queue -> the payment processor). */
    public SqsEventSourcePoller sqsPoller() {
        return sqsPoller;
    }

    /** Invokes a function of the template directly, as {@code sam local invoke} would. */
    public <T> T invoke(String functionId, Object event, long timeLeftMillis) {
        return functions.invoke(functionId, event, timeLeftMillis);
    }

    public <T> T invoke(String functionId, Object event) {
        return functions.invoke(functionId, event);
    }

    /** A function's Micronaut application context (for tests that look at its beans). */
    public io.micronaut.context.ApplicationContext applicationContext(String functionId) {
        return functions.applicationContext(functionId);
    }

    @Override
    public void close() {
        closeAll(parts);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        List<AutoCloseable> reversed = new ArrayList<>(parts);
        Collections.reverse(reversed);
        for (AutoCloseable part : reversed) {
            try {
                part.close();
            } catch (Exception e) {
                // keep closing the rest; a half-stopped part must not keep the others running
            }
        }
        parts.clear();
    }
}
