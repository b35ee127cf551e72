package dev.ticketing.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds configuration and AWS clients from properties. In Lambda they come from environment variables
 * ({@code HOLD_DURATION} is the property {@code hold.duration}); the local stack passes them directly, plus
 * endpoint overrides that point the real SDK clients at DynamoDB Local and ElasticMQ.
 */
@Factory
public class TicketingFactory {

    @Singleton
    TicketingConfig config(@Property(name = "table.name", defaultValue = "Ticketing") String tableName,
                           @Property(name = "hold.duration", defaultValue = "PT10M") String holdDuration,
                           @Property(name = "max.seats.per.hold", defaultValue = "10") int maxSeatsPerHold,
                           @Property(name = "max.active.holds.per.user", defaultValue = "1") int maxActiveHoldsPerUser) {
        return new TicketingConfig(tableName, Duration.parse(holdDuration), maxSeatsPerHold, maxActiveHoldsPerUser);
    }

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    DynamoDbClient dynamoDb(@Property(name = "dynamodb.endpoint") @io.micronaut.core.annotation.Nullable String endpoint,
                            @Property(name = "aws.region", defaultValue = "us-east-1") String region) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }
}
