package dev.ticketing.payments;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * {@code Idempotency-Key} on {@code POST /holds/{id}/payments}: the key is recorded
 * ({@code IDEMPOTENCY#payments#<userId>#<key>}/{@code META} -> {@code resource_id}, kept 24 h by TTL) in the same
 * transaction that creates the payment, with a fingerprint of the request; the same key with another request is
 * a 422. (The same item layout as the holds' idempotency records, scope {@code payments}.)
 */
@Singleton
public class PaymentIdempotency {
    public static final Duration RETENTION = Duration.ofHours(24);
    static final String SCOPE = "payments";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /** A key a client sent, with the fingerprint of the request it came with. */
    public record Key(String userId, String value, String fingerprint) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public PaymentIdempotency(DynamoDbClient dynamo, TicketingConfig config) {
        this.dynamo = dynamo;
        this.table = config.tableName();
    }

    public static Optional<Key> of(String userId, String header, String request) {
        if (header == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(header).matches()) {
            throw new InvalidRequestException("Idempotency-Key must be 1-128 visible ASCII characters");
        }
        return Optional.of(new Key(userId, header, sha256(request)));
    }

    /** The payment this key already created, if any; a 422 when the key came with another request. */
    public Optional<String> recorded(Key key) {
        GetItemResponse found = dynamo.getItem(b -> b.tableName(table).key(keyOf(key)).consistentRead(true));
        if (!found.hasItem() || found.item().isEmpty()) {
            return Optional.empty();
        }
        if (!key.fingerprint().equals(Attr.str(found.item(), "fingerprint"))) {
            throw new KeyReusedException();
        }
        return Optional.of(Attr.str(found.item(), "resource_id"));
    }

    /** The write recording the key, for the transaction that creates {@code paymentId}. */
    public Put record(Key key, String paymentId, Instant now) {
        return Put.builder().tableName(table)
                .item(Map.of(
                        Keys.PK, keyOf(key).get(Keys.PK),
                        Keys.SK, s(Keys.META),
                        "resource_id", s(paymentId),
                        "fingerprint", s(key.fingerprint()),
                        Keys.TTL, n(now.plus(RETENTION).getEpochSecond())))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
    }

    private static Map<String, AttributeValue> keyOf(Key key) {
        return Map.of(Keys.PK, s("IDEMPOTENCY#" + SCOPE + "#" + key.userId() + "#" + key.value()), Keys.SK, s(Keys.META));
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
