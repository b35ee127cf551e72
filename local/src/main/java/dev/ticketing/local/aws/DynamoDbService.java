package dev.ticketing.local.aws;

import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB the local stack keeps its table in: {@link DynamoDbLocal} in this JVM, or one elsewhere that speaks
 * the same API, e.g. LocalStack ({@link AwsEndpoint}). Closing it stops what the stack started and closes its clients.
 */
public interface DynamoDbService extends AutoCloseable {
    /** Where the AWS CLI and the functions' own clients reach it ({@code --endpoint-url}). */
    URI endpoint();

    /** A client the stack shares. */
    DynamoDbClient client();

    /** A client of its own for one function (each Lambda has its own); the caller closes it. */
    DynamoDbClient newClient();

    /** A client of the table's stream, for the stream-triggered functions; the caller closes it. */
    DynamoDbStreamsClient streamsClient();

    /** Whether nothing the stack started listens beyond 127.0.0.1. */
    boolean loopbackOnly();
}
