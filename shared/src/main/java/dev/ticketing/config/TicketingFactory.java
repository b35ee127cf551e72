package dev.ticketing.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place that reads the settings every function shares, each concern into one validated record: table and
 * hold rules ({@link TicketingConfig}), best-available placement ({@link BestAvailableConfig}), the hold rate limit
 * ({@link HoldRateConfig}), the buyer's limits across events and per client ({@link FairnessConfig}), the payment flow's times ({@link PaymentTiming}), the seat map ({@link SeatMapConfig}), the sweeper ({@link SweepConfig}),
 * the confirmation mail ({@link MailConfig}),
 * where the AWS clients go ({@link AwsConfig}); payments have theirs in {@code PaymentsFactory}. In Lambda the
 * values come from environment variables ({@code HOLD_DURATION} is the property {@code hold.duration}); the local
 * system passes them directly. An invalid value stops the function at start-up with a message naming it.
 */
@Factory
public class TicketingFactory {

    @Singleton
    TicketingConfig config(@Property(name = "table.name", defaultValue = "Ticketing") String tableName,
                           @Property(name = "hold.duration", defaultValue = "PT10M") String holdDuration,
                           @Property(name = "max.seats.per.hold", defaultValue = "10") int maxSeatsPerHold,
                           @Property(name = "max.active.holds.per.user", defaultValue = "1") int maxActiveHoldsPerUser) {
        return new TicketingConfig(tableName, duration("HOLD_DURATION", holdDuration), maxSeatsPerHold,
                maxActiveHoldsPerUser);
    }

    @Singleton
    IdentityConfig identityConfig(@Property(name = "admin.group", defaultValue = "admin") String adminGroup,
                                  @Property(name = "token.max.lifetime", defaultValue = "PT24H") String maxLifetime,
                                  @Property(name = "token.clock.skew", defaultValue = "PT60S") String clockSkew,
                                  @Property(name = "organizer.claim") @Nullable String organizerClaim) {
        return new IdentityConfig(adminGroup, duration("TOKEN_MAX_LIFETIME", maxLifetime),
                duration("TOKEN_CLOCK_SKEW", clockSkew), organizerClaim);
    }

    @Singleton
    SeatMapConfig seatMapConfig(@Property(name = "seatmap.max.age", defaultValue = "PT0.25S") String maxAge) {
        return new SeatMapConfig(duration("SEATMAP_MAX_AGE", maxAge));
    }

    @Singleton
    BestAvailableConfig bestAvailableConfig(
            @Property(name = "best.available.deadline", defaultValue = "PT5S") String deadline,
            @Property(name = "best.available.wait", defaultValue = "PT0.1S") String wait) {
        return new BestAvailableConfig(duration("BEST_AVAILABLE_DEADLINE", deadline), duration("BEST_AVAILABLE_WAIT", wait));
    }

    @Singleton
    HoldRateConfig holdRateConfig(
            @Property(name = "max.holds.per.user.per.hour", defaultValue = "20") int maxHoldsPerUserPerHour) {
        return new HoldRateConfig(maxHoldsPerUserPerHour);
    }

    @Singleton
    FairnessConfig fairnessConfig(
            @Property(name = "max.open.holds.per.user", defaultValue = "2") int maxOpenHoldsPerUser,
            @Property(name = "client.write.burst", defaultValue = "6") int clientWriteBurst,
            @Property(name = "client.write.interval", defaultValue = "PT15S") String clientWriteInterval) {
        return new FairnessConfig(maxOpenHoldsPerUser, clientWriteBurst,
                duration("CLIENT_WRITE_INTERVAL", clientWriteInterval));
    }

    @Singleton
    PaymentTiming paymentTiming(@Property(name = "payment.grace", defaultValue = "PT5M") String paymentGrace,
                                @Property(name = "capture.window", defaultValue = "PT2M") String captureWindow,
                                @Property(name = "reconcile.after", defaultValue = "PT5M") String reconcileAfter,
                                @Property(name = "provider.check.interval", defaultValue = "PT5S") String checkInterval) {
        return new PaymentTiming(duration("PAYMENT_GRACE", paymentGrace), duration("CAPTURE_WINDOW", captureWindow),
                duration("RECONCILE_AFTER", reconcileAfter), duration("PROVIDER_CHECK_INTERVAL", checkInterval));
    }

    @Singleton
    SweepConfig sweepConfig(@Property(name = "sweep.limit", defaultValue = "500") int limit) {
        return new SweepConfig(limit);
    }

    @Singleton
    MailConfig mailConfig(@Property(name = "mail.from", defaultValue = "") String from,
                          @Property(name = "event.time.zone", defaultValue = "Europe/Rome") String timeZone,
                          @Property(name = "mail.redrive.after", defaultValue = "PT15M") String redriveAfter,
                          @Property(name = "mail.retry.base", defaultValue = "PT30S") String retryBase,
                          @Property(name = "mail.retry.max", defaultValue = "PT15M") String retryMax,
                          @Property(name = "order.mail.queue.url") @Nullable String queueUrl,
                          @Property(name = "smtp.host") @Nullable String smtpHost,
                          @Property(name = "smtp.port", defaultValue = "25") int smtpPort) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("EVENT_TIME_ZONE must be a time zone such as Europe/Rome, not " + timeZone);
        }
        return new MailConfig(from.strip(), zone, duration("MAIL_REDRIVE_AFTER", redriveAfter),
                duration("MAIL_RETRY_BASE", retryBase), duration("MAIL_RETRY_MAX", retryMax),
                Optional.ofNullable(queueUrl).filter(url -> !url.isBlank()),
                Optional.ofNullable(smtpHost).filter(host -> !host.isBlank()), smtpPort);
    }

    @Singleton
    AwsConfig awsConfig(@Property(name = "aws.region", defaultValue = "us-east-1") String region,
                        @Property(name = "dynamodb.endpoint") @Nullable String dynamoDbEndpoint,
                        @Property(name = "sqs.endpoint") @Nullable String sqsEndpoint) {
        return new AwsConfig(region, AwsConfig.endpoint(dynamoDbEndpoint), AwsConfig.endpoint(sqsEndpoint));
    }

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    DynamoDbClient dynamoDb(AwsConfig aws) {
        return pointed(DynamoDbClient.builder(), aws.dynamoDbEndpoint(), aws).build();
    }

    @Singleton
    @Requires(missingBeans = SqsClient.class)
    SqsClient sqs(AwsConfig aws) {
        return pointed(SqsClient.builder(), aws.sqsEndpoint(), aws).build();
    }

    /** The builder as is (the SDK's defaults), or pointed at {@code endpoint} in the configured region with local credentials. */
    private static <B extends AwsClientBuilder<B, ?>> B pointed(B builder, Optional<URI> endpoint, AwsConfig aws) {
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return builder;
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT10M, not " + value);
        }
    }
}
