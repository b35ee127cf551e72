package dev.ticketing.local.aws;

import java.net.URI;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS the local stack keeps its queues in: {@link ElasticMq} in this JVM, or one elsewhere, e.g. LocalStack
 * ({@link AwsEndpoint}). Closing it stops what the stack started and closes its client.
 */
public interface SqsService extends AutoCloseable {
    /** Where the AWS CLI and the functions' own clients reach it ({@code --endpoint-url}). */
    URI endpoint();

    /** A client the stack shares. */
    SqsClient client();
}
