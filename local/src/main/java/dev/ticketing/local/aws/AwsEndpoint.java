package dev.ticketing.local.aws;

import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB (with its streams) and SQS at one endpoint the local stack does not run, such as LocalStack's edge port
 * ({@code --aws-endpoint http://localhost:4566}): the stack creates its table and queues there and runs the
 * handlers in this JVM against them, as it does against DynamoDB Local and ElasticMQ. The clients use the stack's
 * region and credentials ({@link DynamoDbLocal#REGION}, {@link DynamoDbLocal#CREDENTIALS}); LocalStack accepts any.
 * Nothing is started, so closing only closes the clients; what the endpoint keeps is its own business.
 */
public final class AwsEndpoint {
    private final URI endpoint;

    private AwsEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public static AwsEndpoint at(URI endpoint) {
        return new AwsEndpoint(endpoint);
    }

    public DynamoDbService dynamoDb() {
        DynamoDbClient shared = newDynamoDbClient();
        return new DynamoDbService() {
            @Override
            public URI endpoint() {
                return endpoint;
            }

            @Override
            public DynamoDbClient client() {
                return shared;
            }

            @Override
            public DynamoDbClient newClient() {
                return newDynamoDbClient();
            }

            @Override
            public DynamoDbStreamsClient streamsClient() {
                return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(DynamoDbLocal.REGION)
                        .credentialsProvider(DynamoDbLocal.CREDENTIALS).build();
            }

            @Override
            public boolean loopbackOnly() {
                return true;
            }

            @Override
            public void close() {
                shared.close();
            }
        };
    }

    public SqsService sqs() {
        SqsClient shared = SqsClient.builder().endpointOverride(endpoint).region(DynamoDbLocal.REGION)
                .credentialsProvider(DynamoDbLocal.CREDENTIALS).build();
        return new SqsService() {
            @Override
            public URI endpoint() {
                return endpoint;
            }

            @Override
            public SqsClient client() {
                return shared;
            }

            @Override
            public void close() {
                shared.close();
            }
        };
    }

    private DynamoDbClient newDynamoDbClient() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(DynamoDbLocal.REGION)
                .credentialsProvider(DynamoDbLocal.CREDENTIALS).build();
    }
}
