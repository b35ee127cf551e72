package dev.ticketing.payments.provider.card;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card checkout's webhook signature, the scheme card gateways such as Stripe use: the header
 * {@code Checkout-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook secret>}.
 * The timestamp is signed with the body, so an old delivery replayed later fails the tolerance window; several
 * {@code v1} entries are allowed so a secret can be rotated without a gap.
 */
public final class CheckoutSignature {
    public static final String HEADER = "Checkout-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";

    /** Why a delivery was accepted or not. */
    public enum Verdict {
        VALID, MISSING, MALFORMED, NO_MATCH, OUTSIDE_TOLERANCE;

        public boolean valid() {
            return this == VALID;
        }
    }

    private final SecretKeySpec key;
    private final Duration tolerance;
    private final Clock clock;

    public CheckoutSignature(String secret, Duration tolerance, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret must not be blank");
        }
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The header value for {@code body} signed now. */
    public String header(String body) {
        return header(clock.instant().getEpochSecond(), body);
    }

    public String header(long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmacHex(timestamp, body);
    }

    /** Checks a delivery: the header must carry a timestamp within the tolerance and one matching {@code v1}. */
    public Verdict verify(String header, String body) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                return Verdict.MALFORMED;
            }
            String name = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (name.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Verdict.MALFORMED;
                }
            } else if (name.equals("v1")) {
                signatures.add(value);
            }
            // other schemes (v0, ...) are ignored, as gateways add new ones over time
        }
        if (timestamp == null || signatures.isEmpty() || body == null) {
            return Verdict.MALFORMED;
        }
        byte[] expected = hmacHex(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            // constant time, and every entry is compared so timing says nothing about which one matched
            matched |= MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            return Verdict.NO_MATCH;
        }
        long age = Math.abs(clock.instant().getEpochSecond() - timestamp);
        return age <= tolerance.toSeconds() ? Verdict.VALID : Verdict.OUTSIDE_TOLERANCE;
    }

    private String hmacHex(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
