package dev.ticketing.local.aws;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ as the SQS endpoint on loopback; the real SDK client and the AWS CLI work against it. */
public final class ElasticMq implements AutoCloseable {
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
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
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
