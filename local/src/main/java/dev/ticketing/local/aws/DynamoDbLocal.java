package dev.ticketing.local.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local as a loopback HTTP server, file-backed under a folder (or in memory), so the real SDK clients
 * and the AWS CLI ({@code --endpoint-url}) talk to it exactly as to DynamoDB.
 */
public final class DynamoDbLocal implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final DynamoDbClient client;

    private DynamoDbLocal(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS).build();
    }

    /** Starts on {@code port} (0: any free port), keeping data in {@code dataDir}, or in memory when it is null. */
    public static DynamoDbLocal start(int port, Path dataDir) throws Exception {
        int actualPort = FreePort.orAny(port);
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(actualPort), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        return new DynamoDbLocal(server, URI.create("http://127.0.0.1:" + actualPort));
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS).build();
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }
}
