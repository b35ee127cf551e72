package dev.ticketing.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.ticketing.problems.InvalidEncodingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * How every request body is read, the first half of the one validation style (the second is {@link Fields}, which
 * the body's record applies). First the bytes ({@link #text}): at most {@link RequestLimits#MAX_BODY_BYTES}, and
 * UTF-8 only, as RFC 8259 section 8.1 asks of JSON between systems; then the JSON ({@link #configure}): a value is
 * taken only as its own type.
 * <ul>
 *   <li>no number from a string ({@code "quantity":"2"}), no integer from a fraction ({@code 2.7}, {@code 2.0}), no
 *       boolean from a string or number, no string from a number or boolean ({@code "price":10});</li>
 *   <li>a field named twice, or anything after the body's JSON value, is malformed JSON;</li>
 *   <li>unknown fields are ignored (a tolerant reader: a newer client's extra field is no error).</li>
 * </ul>
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * The text of a request body as API Gateway hands it to a function: {@code body} as text, or base64 when
     * {@code base64Encoded}; see {@link #text(byte[], String)}. A text body whose characters are no UTF-8 (an unpaired
     * surrogate) is refused too.
     */
    public static String text(String body, boolean base64Encoded, String contentType) {
        return text(body, base64Encoded, contentType, RequestLimits.MAX_BODY_BYTES);
    }

    /** {@link #text(String, boolean, String)} for a route that reads up to {@code limit} bytes. */
    public static String text(String body, boolean base64Encoded, String contentType, int limit) {
        return body == null ? null : text(bytes(body, base64Encoded, limit), contentType, limit);
    }

    /**
     * A body's bytes as API Gateway hands it (base64 when binary, else text), or {@code 413} over {@code limit} bytes,
     * {@code 400 invalid-encoding} for base64 that is not, or text with an unpaired surrogate.
     */
    public static byte[] bytes(String body, boolean base64Encoded, int limit) {
        if (base64Encoded) {
            // 4 base64 characters carry 3 bytes: refuse a large body before decoding it
            RequestLimits.checkBody((long) body.length() / 4 * 3 - 2, limit);
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new InvalidEncodingException("The body is marked base64 but is not");
            }
        }
        RequestLimits.checkBody(body.length(), limit); // a character is at least one byte
        try {
            ByteBuffer raw = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(body));
            byte[] bytes = new byte[raw.remaining()];
            raw.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new InvalidEncodingException("The body is not UTF-8: it holds an unpaired surrogate");
        }
    }

    /**
     * The text of a request body, or a problem before anything is parsed: {@code 413 content-too-large} over
     * {@link RequestLimits#MAX_BODY_BYTES}; {@code 400 invalid-encoding} for a {@code charset} other than UTF-8 in
     * {@code contentType}, a byte order mark (UTF-8's, UTF-16's or UTF-32's), a NUL byte (UTF-16 or UTF-32: JSON text
     * has none, its first character is ASCII) or bytes that are not UTF-8 (overlong forms and encoded surrogates
     * included). {@code contentType} may be null.
     */
    public static String text(byte[] raw, String contentType) {
        return text(raw, contentType, RequestLimits.MAX_BODY_BYTES);
    }

    /** {@link #text(byte[], String)} for a route that reads up to {@code limit} bytes. */
    public static String text(byte[] raw, String contentType, int limit) {
        RequestLimits.checkBody(raw.length, limit);
        String charset = charsetOf(contentType);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new InvalidEncodingException("The body is declared charset=" + charset + "; send UTF-8 (charset=utf-8, or none)");
        }
        if (startsWith(raw, 0xEF, 0xBB, 0xBF) || startsWith(raw, 0xFE, 0xFF) || startsWith(raw, 0xFF, 0xFE)
                || startsWith(raw, 0x00, 0x00, 0xFE, 0xFF)) {
            throw new InvalidEncodingException("The body starts with a byte order mark; send UTF-8 without one");
        }
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                throw new InvalidEncodingException("The body holds a NUL byte at byte " + i
                        + " (UTF-16 or UTF-32?); send UTF-8");
            }
        }
        return utf8(raw).orElseThrow(() -> new InvalidEncodingException("The body is not valid UTF-8"));
    }

    /** {@code raw} as UTF-8 text, or empty when it is no UTF-8 (a sequence that is malformed, overlong or a surrogate). */
    public static Optional<String> utf8(byte[] raw) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The {@code charset} parameter of a media type, unquoted, or null. */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String value = parameter.substring(equals + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] raw, int... prefix) {
        if (raw.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((raw[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("deprecation") // ALLOW_COERCION_OF_SCALARS is the one switch for all scalar targets
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        // scalar coercion off still lets a number or boolean become a string: say so for strings too
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
