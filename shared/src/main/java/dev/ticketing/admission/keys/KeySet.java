package dev.ticketing.admission.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A set of ticket-code master secrets as one JSON text: {@code {"current":"k1","k1":"<secret>","k0":"<older>"}}.
 * Each member other than {@code current} is a key id (1..16 of {@code A-Z a-z 0-9 _ -}) and its secret (at least
 * 32 characters; its UTF-8 bytes are the HMAC key the per-event keys are derived with). The flat form is what
 * Secrets Manager's {@code GenerateSecretString} makes from {@code SecretStringTemplate: '{"current":"k1"}'} and
 * {@code GenerateStringKey: k1}, so a stack creates its first key set itself; a rotation adds a member and moves
 * {@code current} to it.
 */
public final class KeySet implements TicketKeys {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    /** The fewest characters of a secret: 32 random characters carry well over 128 bits. */
    public static final int MIN_SECRET = 32;

    private final String current;
    private final Map<String, byte[]> secrets;

    private KeySet(String current, Map<String, byte[]> secrets) {
        this.current = current;
        this.secrets = secrets;
    }

    /**
     * The key set of {@code json}. Throws IllegalArgumentException naming what is wrong (not JSON, no current, a
     * current id without a secret, a bad key id, a short secret), never quoting a secret.
     */
    public static KeySet parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the ticket key set is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("current").isTextual()) {
            throw new IllegalArgumentException("the ticket key set must be a JSON object with a \"current\" key id");
        }
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        root.fields().forEachRemaining(member -> {
            if (member.getKey().equals("current")) {
                return;
            }
            if (!KEY_ID.matcher(member.getKey()).matches()) {
                throw new IllegalArgumentException("ticket key id \"" + member.getKey() + "\" is not 1..16 of A-Z a-z 0-9 _ -");
            }
            if (!member.getValue().isTextual() || member.getValue().asText().length() < MIN_SECRET) {
                throw new IllegalArgumentException("the secret of ticket key " + member.getKey() + " must be a text of at least "
                        + MIN_SECRET + " characters");
            }
            secrets.put(member.getKey(), member.getValue().asText().getBytes(StandardCharsets.UTF_8));
        });
        String current = root.get("current").asText();
        if (!secrets.containsKey(current)) {
            throw new IllegalArgumentException("the ticket key set has no secret for its current key id " + current);
        }
        return new KeySet(current, Map.copyOf(secrets));
    }

    /** A new key set of one random secret under {@code keyId}, as JSON (a local data folder's first key set, tests). */
    public static String generate(String keyId) {
        return rotated(null, keyId);
    }

    /**
     * {@code json} (null: none) with a new random secret under {@code keyId}, which becomes current; the other
     * secrets are kept, so codes signed under them still verify.
     */
    public static String rotated(String json, String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("ticket key id \"" + keyId + "\" is not 1..16 of A-Z a-z 0-9 _ -");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            ObjectNode root = json == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(json);
            root.put("current", keyId);
            root.put(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("the ticket key set is not a JSON object");
        }
    }

    @Override
    public String currentId() {
        return current;
    }

    @Override
    public java.util.Set<String> ids() {
        return new java.util.TreeSet<>(secrets.keySet());
    }

    @Override
    public Optional<byte[]> secret(String keyId) {
        return Optional.ofNullable(secrets.get(keyId)).map(byte[]::clone);
    }
}
