package dev.ticketing.local.aws;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.util.Either;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ as the SQS endpoint, on loopback unless {@code SQS_INTERFACE} names another address to listen on (e.g.
 * {@code 0.0.0.0}, so that {@code sam local invoke}'s containers reach it through host.docker.internal); the real SDK
 * client and the AWS CLI work against it.
 *
 * <p>With a data folder, ElasticMQ's own SQL message storage ({@code elasticmq-persistence-sql}, what its server's
 * {@code messages-storage} setting turns on) keeps queues and messages in an H2 file: a queue actor answers a send,
 * receive, visibility change or delete only after the storage actor has written it, and H2 runs with
 * {@code WRITE_DELAY=0}, so an acknowledged message survives a {@code kill -9}. Messages come back as they were,
 * receive counts and visibility included.
 *
 * <p>ElasticMQ keeps that storage's connection pool in one JVM-wide place (scalikejdbc's default pool, opened once
 * per JVM), so only one file-backed ElasticMQ can run in a JVM at a time; a second is refused rather than
 * silently writing into the first one's folder. In-memory ones are not limited.
 */
public final class ElasticMq implements SqsService {
    /** The environment variable naming the address to listen on. */
    public static final String INTERFACE_VARIABLE = "SQS_INTERFACE";
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    /** The data folder of the file-backed ElasticMQ running in this JVM, if any (see the class comment). */
    private static Path storageInUse;

    private final SQSRestServer server;
    private final ActorSystem actorSystem;
    private final Path storage;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMq(SQSRestServer server, ActorSystem actorSystem, Path storage, URI endpoint) {
        this.server = server;
        this.actorSystem = actorSystem;
        this.storage = storage;
        this.endpoint = endpoint;
        this.client = SqsClient.builder().endpointOverride(endpoint)
                .region(DynamoDbLocal.REGION).credentialsProvider(DynamoDbLocal.CREDENTIALS).build();
    }

    /** In memory: queues and messages last as long as the process. */
    public static ElasticMq start(int port) {
        return start(port, null);
    }

    /**
     * Starts on {@code port} (0: any free port), keeping queues and messages under {@code dataDir} (restoring
     * what an earlier run left there), or in memory when it is null.
     */
    public static ElasticMq start(int port, Path dataDir) {
        int actualPort = FreePort.orAny(port);
        String listenOn = System.getenv().getOrDefault(INTERFACE_VARIABLE, "127.0.0.1");
        TheSQSRestServerBuilder builder = SQSRestServerBuilder
                .withInterface(listenOn.isBlank() ? "127.0.0.1" : listenOn)
                .withPort(actualPort)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", actualPort, ""))
                .withAWSRegion(DynamoDbLocal.REGION.id());
        ActorSystem actorSystem = null;
        Path storage = null;
        if (dataDir != null) {
            storage = claimStorage(dataDir.toAbsolutePath());
            try {
                actorSystem = ActorSystem.create("elasticmq");
                ActorRef queueManager = restore(actorSystem, storage);
                builder = builder.withActorSystem(actorSystem).withQueueManagerActor(queueManager);
            } catch (RuntimeException | Error e) {
                if (actorSystem != null) {
                    terminate(actorSystem);
                }
                releaseStorage(storage);
                throw e;
            }
        }
        SQSRestServer server = builder.start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            if (actorSystem != null) {
                terminate(actorSystem);
                releaseStorage(storage);
            }
            throw e;
        }
        return new ElasticMq(server, actorSystem, storage, URI.create("http://127.0.0.1:" + actualPort));
    }

    /**
     * The storage actor (ElasticMQ's SQL persistence on an H2 file) and a queue manager that reports every change
     * to it; then the queues and messages of the last run are put back, as ElasticMQ's server does at start.
     */
    private static ActorRef restore(ActorSystem actorSystem, Path storage) {
        String url = "jdbc:h2:file:" + storage.resolve("messages") + ";WRITE_DELAY=0";
        pointStorageAt(url);
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "", "", false);
        @SuppressWarnings("unchecked")
        scala.collection.immutable.List<CreateQueueMetadata> noConfiguredQueues =
                (scala.collection.immutable.List<CreateQueueMetadata>) (Object) scala.collection.immutable.List$.MODULE$.empty();
        ActorRef store = actorSystem.actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, noConfiguredQueues)), "queue-storage");
        ActorRef queueManager = actorSystem.actorOf(Props.create(QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), SQSRestServerBuilder.sqsLimits(), Option.apply(store))),
                "queue-manager");
        Object restored;
        try {
            restored = Patterns.ask(store, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT)
                    .toCompletableFuture().get(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring the queues of " + storage, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not restore the queues kept in " + storage + ": " + e, e);
        }
        if (restored instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("could not restore the queues kept in " + storage + ": " + either.left().get());
        }
        return queueManager;
    }

    /**
     * ElasticMQ opens scalikejdbc's default pool once per JVM and never again; pointing that pool at this run's
     * file makes a later file-backed run in the same JVM (a test restarting the stack) use its own folder.
     */
    private static void pointStorageAt(String url) {
        scalikejdbc.ConnectionPool$ pools = scalikejdbc.ConnectionPool$.MODULE$;
        try {
            Class.forName("org.h2.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the H2 driver is missing from the classpath", e);
        }
        scalikejdbc.ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(url, "", "", settings, pools.singleton$default$5(url, "", "", settings));
    }

    private static synchronized Path claimStorage(Path dataDir) {
        if (storageInUse != null) {
            throw new IllegalStateException("a file-backed ElasticMQ already runs in this JVM (on " + storageInUse
                    + "); ElasticMQ's message storage allows one per JVM");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dataDir, e);
        }
        storageInUse = dataDir;
        return dataDir;
    }

    private static synchronized void releaseStorage(Path dataDir) {
        if (dataDir != null && dataDir.equals(storageInUse)) {
            // closing the pool closes H2's file, so another process (or a later run) can open it
            scalikejdbc.ConnectionPool$.MODULE$.closeAll();
            storageInUse = null;
        }
    }

    private static void terminate(ActorSystem actorSystem) {
        try {
            actorSystem.terminate();
            scala.concurrent.Await.result(actorSystem.whenTerminated(), scala.concurrent.duration.Duration.create(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            // best effort: the JVM is usually on its way out
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    /** Whether queues and messages are kept on disk. */
    public boolean durable() {
        return storage != null;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
        if (actorSystem != null) {
            terminate(actorSystem);
            releaseStorage(storage);
        }
    }
}
