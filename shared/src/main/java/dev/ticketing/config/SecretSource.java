package dev.ticketing.config;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Secrets at run time, from AWS Secrets Manager: the environment holds only a secret's name or ARN
 * ({@code PAYPAL_CLIENT_SECRET_NAME}, ...), and the value is fetched when first needed with {@code GetSecretValue}
 * and kept {@link #CACHE_FOR} (a rotation reaches new containers, and old ones within that time). The client is
 * built only when a name is given, so the local system, which passes values directly, never calls AWS.
 */
@Singleton
public class SecretSource implements AutoCloseable {
    /** How long a fetched value is used before it is fetched again. */
    public static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private record Cached(String value, Instant fetchedAt) {
    }

    private final AwsConfig aws;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final java.util.function.Function<String, String> fetch;
    private volatile SecretsManagerClient client;

    @jakarta.inject.Inject
    public SecretSource(AwsConfig aws, Clock clock) {
        this.aws = aws;
        this.clock = clock;
        this.fetch = name -> client().getSecretValue(b -> b.secretId(name)).secretString();
    }

    /** With another store behind it (tests). */
    SecretSource(Clock clock, java.util.function.Function<String, String> fetch) {
        this.aws = null;
        this.clock = clock;
        this.fetch = fetch;
    }

    /**
     * The secret: {@code value} itself when given (local runs, tests), else the string value of the Secrets Manager
     * secret {@code name}, else empty. Fails with the AWS SDK's exception when the secret cannot be read.
     */
    public Optional<String> resolve(String value, String name) {
        if (value != null && !value.isBlank()) {
            return Optional.of(value);
        }
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached == null || cached.fetchedAt().plus(CACHE_FOR).isBefore(now)) {
            cached = new Cached(fetch.apply(name), now);
            cache.put(name, cached);
        }
        return Optional.ofNullable(cached.value());
    }

    private SecretsManagerClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    SecretsManagerClientBuilder builder = SecretsManagerClient.builder();
                    builder.region(Region.of(aws.region()));
                    client = builder.build();
                }
            }
        }
        return client;
    }

    @Override
    @PreDestroy
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
