package dev.ticketing.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS clients go. In Lambda nothing is set and the SDK's defaults apply (the function's region and role).
 * {@code DYNAMODB_ENDPOINT} / {@code SQS_ENDPOINT} (absolute http(s) URLs) point the real clients elsewhere, such as
 * the local system's DynamoDB Local and ElasticMQ or LocalStack; then {@code AWS_REGION} (default {@code us-east-1})
 * and static local credentials are used.
 */
public record AwsConfig(String region, Optional<URI> dynamoDbEndpoint, Optional<URI> sqsEndpoint) {
    public AwsConfig {
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException("AWS_REGION must be a region name such as eu-west-1, not " + region);
        }
        dynamoDbEndpoint.ifPresent(endpoint -> requireHttp(endpoint, "DYNAMODB_ENDPOINT"));
        sqsEndpoint.ifPresent(endpoint -> requireHttp(endpoint, "SQS_ENDPOINT"));
    }

    /** An endpoint setting as given: absent when blank. */
    public static Optional<URI> endpoint(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
    }

    private static void requireHttp(URI endpoint, String name) {
        if (!endpoint.isAbsolute() || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, not " + endpoint);
        }
    }
}
