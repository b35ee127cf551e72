package dev.ticketing.admission.keys;

import dev.ticketing.admission.model.TicketCode;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ticket codes: a {@link TicketCode} signed with its event's Ed25519 key, as one URL-safe text (the QR payload).
 * Nobody without the key store can make a code that verifies, nor change a byte of one.
 *
 * <p>Each event has its own key pair, derived, not stored: its 32-byte private key is
 * HMAC-SHA256(master secret of the key id, "ticket-code-key:v1:" + event id) (Ed25519 private keys are any 32
 * bytes, RFC 8032 5.1.5). So the key store holds a few master secrets rather than one secret per event, a door
 * device can be given one event's public key without the others, and a rotation of the master secret rotates
 * every event's key while old codes keep verifying under their key id.
 *
 * <p>The code, before base64url (no padding): format {@code 1}, the key id (length, ASCII), ticket, hold and event
 * ids (16 bytes each: they are UUIDs), the version (4 bytes), the seat id (length, UTF-8), then the 64-byte
 * Ed25519 signature of all that. About 126 bytes, 168 characters: a QR code of version 9 at level M (180 bytes) holds it.
 * Ed25519 signatures are deterministic, so a ticket's code is the same each time it is shown.
 */
@Singleton
public class TicketCodes {
    /** The format byte of this layout. */
    private static final byte FORMAT = 1;
    private static final int SIGNATURE = 64;
    /** Longer texts are no code of ours (a seat id is at most 64 bytes): refused before decoding. */
    public static final int MAX_LENGTH = 300;
    private static final int CACHED_KEYS = 1_000;
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    private final TicketKeys keys;
    private final Map<String, KeyPair> eventKeys = new ConcurrentHashMap<>();

    public TicketCodes(TicketKeys keys) {
        this.keys = keys;
    }

    /** The code of {@code code}, signed under the current key id. */
    public String issue(TicketCode code) {
        String keyId = keys.currentId();
        byte[] payload = payload(keyId, code);
        byte[] signature = sign(keyId, code.eventId(), payload);
        return TEXT.encodeToString(ByteBuffer.allocate(payload.length + SIGNATURE).put(payload).put(signature).array());
    }

    /**
     * What {@code text} states, when it is a code this key store signed: empty when it is garbled (not base64url, a
     * wrong layout or length), names a key id the store does not have, or its signature does not verify.
     */
    public Optional<TicketCode> verify(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length <= SIGNATURE + 1 || bytes[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer read = ByteBuffer.wrap(bytes, 1, bytes.length - SIGNATURE - 1);
        try {
            String keyId = text(read);
            TicketCode code = new TicketCode(uuid(read), uuid(read), uuid(read), null, read.getInt());
            code = new TicketCode(code.ticketId(), code.holdId(), code.eventId(), text(read), code.version());
            if (read.hasRemaining()) {
                return Optional.empty();
            }
            Optional<KeyPair> key = eventKey(keyId, code.eventId());
            if (key.isEmpty()) {
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.get().getPublic());
            verifier.update(bytes, 0, bytes.length - SIGNATURE);
            return verifier.verify(bytes, bytes.length - SIGNATURE, SIGNATURE) ? Optional.of(code) : Optional.empty();
        } catch (RuntimeException | GeneralSecurityException garbled) {
            // BufferUnderflow, a bad length, a malformed signature: no code of ours
            return Optional.empty();
        }
    }

    /** The public key that verifies the codes of an event under a key id (for door devices); empty for an unknown id. */
    public Optional<PublicKey> publicKey(String keyId, String eventId) {
        return eventKey(keyId, eventId).map(KeyPair::getPublic);
    }

    /**
     * The raw 32-byte Ed25519 public key of an event under each key id of the store (RFC 8032's encoding, what
     * WebCrypto imports as {@code "raw"}): what a door device verifies the event's codes with, and nothing to sign.
     */
    public Map<String, byte[]> rawPublicKeys(String eventId) {
        Map<String, byte[]> raw = new java.util.TreeMap<>();
        for (String keyId : keys.ids()) {
            eventKey(keyId, eventId).ifPresent(pair -> raw.put(keyId, raw(pair.getPublic())));
        }
        return raw;
    }

    /** A signature of {@code bytes} by the event's key under the current key id: what a door device checks a list by. */
    public Signed sign(String eventId, byte[] bytes) {
        String keyId = keys.currentId();
        return new Signed(keyId, sign(keyId, eventId, bytes));
    }

    private byte[] sign(String keyId, String eventId, byte[] bytes) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(eventKey(keyId, eventId).orElseThrow().getPrivate());
            signer.update(bytes);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** A signature and the key id of the key that made it. */
    public record Signed(String keyId, byte[] signature) {
    }

    /**
     * The 32 bytes of an Ed25519 public key: the JDK encodes it as X.509 SubjectPublicKeyInfo, a fixed 12-byte
     * header (the algorithm's OID) and then exactly the key.
     */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private Optional<KeyPair> eventKey(String keyId, String eventId) {
        String cacheKey = keyId + "/" + eventId;
        KeyPair cached = eventKeys.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> secret = keys.secret(keyId);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        KeyPair pair = derive(secret.get(), eventId);
        if (eventKeys.size() >= CACHED_KEYS) {
            eventKeys.clear();
        }
        eventKeys.put(cacheKey, pair);
        return Optional.of(pair);
    }

    /** The event's key pair: the private key is HMAC-SHA256(secret, label + event id), the public key follows. */
    static KeyPair derive(byte[] secret, String eventId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] seed = mac.doFinal(("ticket-code-key:v1:" + eventId).getBytes(StandardCharsets.UTF_8));
            // The JDK makes an Ed25519 key pair from the 32 bytes its random source gives; handing it the seed
            // as that source is the only public way to get the public key of a given private key.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new Seed(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 and HmacSHA256 are part of every JDK since 15", e);
        }
    }

    private static byte[] payload(String keyId, TicketCode code) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeText(out, keyId);
            writeUuid(out, code.ticketId());
            writeUuid(out, code.holdId());
            writeUuid(out, code.eventId());
            out.writeInt(code.version());
            writeText(out, code.seatId());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 64) {
            throw new IllegalArgumentException("a ticket code holds texts of at most 64 bytes: " + text);
        }
        out.writeByte(utf8.length);
        out.write(utf8);
    }

    private static void writeUuid(DataOutputStream out, String id) throws IOException {
        UUID uuid = UUID.fromString(id);
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    private static String text(ByteBuffer read) {
        int length = Byte.toUnsignedInt(read.get());
        if (length > 64) {
            throw new IllegalArgumentException("text too long");
        }
        byte[] utf8 = new byte[length];
        read.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static String uuid(ByteBuffer read) {
        return new UUID(read.getLong(), read.getLong()).toString();
    }

    /** A "random" source that gives the seed: how the JDK's generator is handed a chosen private key. */
    private static final class Seed extends SecureRandom {
        private final byte[] seed;

        Seed(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("an Ed25519 private key is 32 bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
