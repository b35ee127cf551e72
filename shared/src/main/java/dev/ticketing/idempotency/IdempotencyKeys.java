package dev.ticketing.idempotency;

import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@code Idempotency-Key}: a retried POST returns what the first one created instead of creating again. The key
 * is recorded ({@code IDEMPOTENCY#<scope>#<userId>#<key>}, kept 24 h by TTL) IN the transaction that creates the
 * resource, so a key can never point at something that was not created, and two concurrent requests with the same
 * key cannot both create. Reusing a key for a different request is a 422.
 */
@Singleton
public class IdempotencyKeys {
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /** A key a client sent, with the fingerprint of the request it came with. */
    public record Key(String scope, String userId, String value, String fingerprint) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final IdempotencyKeyItems items;

    public IdempotencyKeys(Table table) {
        this.dynamo = table.client();
        this.table = table.name();
        this.items = new IdempotencyKeyItems(table);
    }

    /** The key of a request, or empty when the client sent none; a malformed key is a 400. */
    public static Optional<Key> of(String scope, String userId, String header, String request) {
        if (header == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(header).matches()) {
            throw new InvalidRequestException("Idempotency-Key must be 1-128 visible ASCII characters");
        }
        return Optional.of(new Key(scope, userId, header, sha256(request)));
    }

    /** The id of what this key already created, if anything; a 422 if the key came with another request. */
    public Optional<String> recorded(Key key) {
        GetItemResponse found = dynamo.getItem(b -> b.tableName(table).key(IdempotencyKeyItems.key(key)).consistentRead(true));
        if (!found.hasItem() || found.item().isEmpty()) {
            return Optional.empty();
        }
        String owner = IdempotencyKeyItems.ownerOf(found.item());
        if (!key.fingerprint().equals(IdempotencyKeyItems.fingerprintOf(found.item()))
                || owner != null && !owner.equals(key.userId())) {
            // a replay answers only the request, and the user, that recorded the key
            throw new KeyReusedException();
        }
        return Optional.of(IdempotencyKeyItems.resourceIdOf(found.item()));
    }

    /** The write that records the key, to go into the transaction creating {@code resourceId}. */
    public TransactWriteItem record(Key key, String resourceId, Instant now) {
        return items.record(key, resourceId, now.plus(RETENTION));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key was sent with a different request. */
    public static final class KeyReusedException extends TicketingException {
        KeyReusedException() {
            super(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request", Map.of());
        }
    }
}
