package dev.ticketing.api.reports;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The export's settings and its S3 clients: {@code EXPORTS_BUCKET} (template.yaml's ExportsBucket),
 * {@code EXPORT_LINK_LIFETIME} (how long a download link works, ISO-8601, default {@code PT5M}); locally
 * {@code s3.endpoint}, the local stack's S3 stand-in, with path-style addresses and local credentials, as the
 * DynamoDB and SQS clients are pointed there ({@code TicketingFactory}).
 */
@Factory
public class ExportsFactory {

    @Singleton
    ExportsConfig exportsConfig(@Property(name = "exports.bucket") @Nullable String bucket,
                                @Property(name = "export.link.lifetime", defaultValue = "PT5M") String lifetime) {
        Duration linkLifetime;
        try {
            linkLifetime = Duration.parse(lifetime);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("EXPORT_LINK_LIFETIME must be an ISO-8601 duration such as PT5M, not " + lifetime);
        }
        return new ExportsConfig(bucket, linkLifetime);
    }

    @Singleton
    S3Client s3(@Property(name = "s3.endpoint") @Nullable String endpoint,
                @Property(name = "aws.region", defaultValue = "us-east-1") String region) {
        var builder = S3Client.builder();
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).region(Region.of(region)).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    @Singleton
    S3Presigner presigner(@Property(name = "s3.endpoint") @Nullable String endpoint,
                          @Property(name = "aws.region", defaultValue = "us-east-1") String region) {
        var builder = S3Presigner.builder();
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).region(Region.of(region))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }
}
