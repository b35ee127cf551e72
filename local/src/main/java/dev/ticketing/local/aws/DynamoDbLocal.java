package dev.ticketing.local.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local as a loopback HTTP server, file-backed under a folder (or in memory), so the real SDK clients
 * and the AWS CLI ({@code --endpoint-url}) talk to it exactly as to DynamoDB.
 *
 * <ul>
 *   <li>{@code -sharedDb}: one database file ({@code shared-local-instance.db}) whatever the access key and
 *       region of a client, so the AWS CLI with any credentials sees the stack's tables. A folder from before
 *       (its tables in {@code local_us-east-1.db}, the stack's own credentials) is moved over at start.</li>
 *   <li>Loopback only: DynamoDB Local has no host option and would listen on every interface; its Jetty
 *       connector is set to 127.0.0.1 (or {@code DYNAMODB_INTERFACE}, e.g. 0.0.0.0 for {@code sam local invoke}'s
 *       containers) before it starts.</li>
 *   <li>File-backed, the clients it hands out wait for each transaction's commit ({@link CommitBarrier}), so
 *       an acknowledged transaction survives a crash. {@code -Dticketing.commitBarrier=false} turns that off,
 *       for measuring its cost only.</li>
 * </ul>
 */
public final class DynamoDbLocal implements DynamoDbService {
    public static final Region REGION = Region.US_EAST_1;
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    /** The environment variable naming another address to listen on, e.g. 0.0.0.0 for {@code sam local invoke}. */
    public static final String INTERFACE_VARIABLE = "DYNAMODB_INTERFACE";
    /** The file DynamoDB Local keeps all tables in with {@code -sharedDb}. */
    static final String SHARED_DB = "shared-local-instance.db";
    /** Where the stack's tables were before {@code -sharedDb}: access key {@code local}, region us-east-1. */
    static final String PER_CREDENTIALS_DB = "local_us-east-1.db";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocal.class);

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final boolean loopbackOnly;
    private final boolean waitForCommits;
    private final DynamoDbClient plainClient;
    private final DynamoDbClient client;

    private DynamoDbLocal(DynamoDBProxyServer server, URI endpoint, boolean loopbackOnly, boolean waitForCommits) {
        this.server = server;
        this.endpoint = endpoint;
        this.loopbackOnly = loopbackOnly;
        this.waitForCommits = waitForCommits;
        this.plainClient = builder().build();
        this.client = newClient();
    }

    /**
     * Another client of this DynamoDB Local (each function gets its own, as each Lambda has its own); file-backed,
     * it waits for each transaction's commit. The caller closes it.
     */
    public DynamoDbClient newClient() {
        return waitForCommits
                ? builder().overrideConfiguration(o -> o.addExecutionInterceptor(new CommitBarrier(plainClient))).build()
                : builder().build();
    }

    private software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS);
    }

    /** Starts on {@code port} (0: any free port), keeping data in {@code dataDir}, or in memory when it is null. */
    public static DynamoDbLocal start(int port, Path dataDir) throws Exception {
        int actualPort = FreePort.orAny(port);
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(actualPort), "-disableTelemetry", "-sharedDb"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            moveToSharedDb(dataDir);
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        String listenOn = System.getenv().getOrDefault(INTERFACE_VARIABLE, "").isBlank() ? "127.0.0.1"
                : System.getenv(INTERFACE_VARIABLE).trim();
        boolean loopbackOnly = listenOn(server, listenOn) && java.net.InetAddress.getByName(listenOn).isLoopbackAddress();
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            if (causedBy(e, BindException.class)) {
                throw FreePort.busy(actualPort, "DynamoDB Local", "--dynamodb-port");
            }
            throw e;
        }
        boolean waitForCommits = dataDir != null && !"false".equalsIgnoreCase(System.getProperty("ticketing.commitBarrier"));
        return new DynamoDbLocal(server, URI.create("http://127.0.0.1:" + actualPort), loopbackOnly, waitForCommits);
    }

    /**
     * Before {@code -sharedDb} the stack's tables lived in the file of its own credentials; the shared file takes
     * its place (with its journal, should the last run have died mid-transaction, so SQLite can roll it back).
     */
    static void moveToSharedDb(Path dataDir) {
        Path shared = dataDir.resolve(SHARED_DB);
        Path old = dataDir.resolve(PER_CREDENTIALS_DB);
        try {
            if (!Files.exists(shared) && Files.exists(old)) {
                Path journal = dataDir.resolve(PER_CREDENTIALS_DB + "-journal");
                if (Files.exists(journal)) {
                    Files.move(journal, dataDir.resolve(SHARED_DB + "-journal"));
                }
                Files.move(old, shared);
                LOG.info("moved {} to {}: the tables are now shared by every access key and region", old, shared);
            }
            try (DirectoryStream<Path> others = Files.newDirectoryStream(dataDir, "*_*.db")) {
                for (Path other : others) {
                    LOG.info("{} holds tables made under other credentials before -sharedDb; nothing reads it now", other);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + old + " to " + shared, e);
        }
    }

    /** Sets DynamoDB Local's Jetty connector to that address; false (all interfaces) if its insides are not as expected. */
    private static boolean listenOn(DynamoDBProxyServer proxy, String address) {
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Server jetty = (Server) field.get(proxy);
            boolean all = jetty.getConnectors().length > 0;
            for (Connector connector : jetty.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setHost(address);
                } else {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // reported below
        }
        LOG.warn("DynamoDB Local could not be limited to {} and listens on all network interfaces", address);
        return false;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // it did not start
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Whether it listens on 127.0.0.1 only (otherwise on every interface). */
    public boolean loopbackOnly() {
        return loopbackOnly;
    }

    /** A client of this DynamoDB Local; file-backed, it waits for each transaction's commit (see the class comment). */
    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS).build();
    }

    @Override
    public void close() throws Exception {
        client.close();
        plainClient.close();
        server.stop();
    }
}
