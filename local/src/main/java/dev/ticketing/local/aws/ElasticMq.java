package dev.ticketing.local.aws;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ as the SQS endpoint, on loopback unless {@code SQS_INTERFACE} names another address to listen on (e.g.
 * {@code 0.0.0.0}, so that {@code sam local invoke}'s containers reach it through host.docker.internal); the real SDK
 * client and the AWS CLI work against it.
 */
public final class ElasticMq implements AutoCloseable {
    /** The environment variable naming the address to listen on. */
    public static final String INTERFACE_VARIABLE = "SQS_INTERFACE";

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMq(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = SqsClient.builder().endpointOverride(endpoint)
                .region(DynamoDbLocal.REGION).credentialsProvider(DynamoDbLocal.CREDENTIALS).build();
    }

    public static ElasticMq start(int port) {
        int actualPort = FreePort.orAny(port);
        String listenOn = System.getenv().getOrDefault(INTERFACE_VARIABLE, "127.0.0.1");
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(listenOn.isBlank() ? "127.0.0.1" : listenOn)
                .withPort(actualPort)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", actualPort, ""))
                .withAWSRegion(DynamoDbLocal.REGION.id())
                .start();
        server.waitUntilStarted();
        return new ElasticMq(server, URI.create("http://127.0.0.1:" + actualPort));
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
