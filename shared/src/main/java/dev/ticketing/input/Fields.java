package dev.ticketing.input;

import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.store.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The checks every request body's fields go through, each a 400 that names the field when it fails. The JSON types
 * themselves are checked before: the API reads bodies with scalar coercion off (no {@code "2"} for a number, no
 * {@code 2.7} for an integer, no number for a string; see the API's {@code application.properties}). Here:
 * <ul>
 *   <li>text lengths count code points (what a person counts as characters: one emoji is one), not UTF-16 units;
 *       text holds no control character (U+0000-U+001F, U+007F-U+009F: a NUL or a line break in an event's name), no
 *       unpaired surrogate (no character at all; it cannot be stored or shown) and no bidirectional embedding,
 *       override or isolate (U+202A-U+202E, U+2066-U+2069), with which a name shown to other buyers could display
 *       as something else (Unicode Technical Report 36, "Bidirectional Text Spoofing");</li>
 *   <li>decimals are ASCII digits in JSON's number grammar without exponent ({@code "12.50"}), never {@code "１０"},
 *       {@code "1e3"}, {@code "+5"}, {@code ".5"} or a negative zero ({@code "-0"}, {@code "-0.00"});</li>
 *   <li>instants are ISO-8601 with an offset, ASCII only, between {@link #EARLIEST} and {@link #HORIZON} after now:
 *       nothing this system sells lies outside, and the range keeps dates such as year -999999999 out; at most
 *       millisecond precision, the precision of {@link Instants}' one stored form.</li>
 * </ul>
 */
public final class Fields {
    /** No instant a request names lies before this. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Nor further ahead of now than this (ten years of 365 days: events go on sale months, not decades, ahead). */
    public static final java.time.Duration HORIZON = java.time.Duration.ofDays(3650);

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,18})?");
    private static final Pattern NEGATIVE_ZERO = Pattern.compile("-0(\\.0+)?");

    private Fields() {
    }

    /** A required text of 1..{@code maxCodePoints} code points, not only whitespace; returned stripped. */
    public static String text(String field, String value, int maxCodePoints) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        if (value.codePointCount(0, value.length()) > maxCodePoints) {
            throw invalid(field + " must be at most " + maxCodePoints + " characters");
        }
        int position = 0;
        for (int codePoint : value.codePoints().toArray()) {
            position++;
            String refused = refusedInText(codePoint);
            if (refused != null) {
                throw invalid(field + " must not contain " + refused + ": U+"
                        + String.format("%04X", codePoint) + " at character " + position);
            }
        }
        return value.strip();
    }

    /** What kind of character {@code codePoint} is if text must not hold it, or null. */
    private static String refusedInText(int codePoint) {
        if (Character.getType(codePoint) == Character.CONTROL) {
            return "control characters";
        }
        if (Character.getType(codePoint) == Character.SURROGATE) { // a surrogate with its pair is one code point
            return "unpaired surrogates";
        }
        if (codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069) {
            return "bidirectional embeddings, overrides or isolates";
        }
        return null;
    }

    /** A required whole number within {@code min..max}. */
    public static int integer(String field, Integer value, int min, int max) {
        if (value == null) {
            throw invalid(field + " is required");
        }
        if (value < min || value > max) {
            throw invalid(field + " must be " + min + ".." + max);
        }
        return value;
    }

    /** A required decimal string: ASCII digits, an optional leading '-' and fraction, no negative zero. */
    public static BigDecimal decimal(String field, String value) {
        if (value == null) {
            throw invalid(field + " is required");
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw invalid(field + " \"" + Ids.quoted(value) + "\" is not a decimal number (ASCII digits, e.g. \"49.00\")");
        }
        if (NEGATIVE_ZERO.matcher(value).matches()) {
            throw invalid(field + " \"" + value + "\" is a negative zero");
        }
        return new BigDecimal(value);
    }

    /**
     * A required ISO-8601 date-time with offset ({@code 2026-12-24T20:30:00Z}, {@code 2026-12-24T21:30:00.250+01:00})
     * between {@link #EARLIEST} and {@code now} + {@link #HORIZON}, at most as precise as a millisecond
     * ({@link Instants#PRECISION}: a finer fraction, {@code 20:30:00.0001Z}, is a 400, not cut).
     */
    public static Instant instant(String field, String value, Instant now) {
        if (value == null) {
            throw invalid(field + " is required (ISO-8601, e.g. 2026-12-24T20:30:00Z)");
        }
        Instant instant;
        try {
            if (!value.chars().allMatch(c -> c < 128)) {
                throw new DateTimeParseException("not ASCII", value, 0);
            }
            instant = Instants.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an ISO-8601 date-time with offset, e.g. 2026-12-24T20:30:00Z");
        }
        if (!instant.truncatedTo(Instants.PRECISION).equals(instant)) {
            // refused rather than cut: what is stored and shown is then exactly what was asked for
            throw invalid(field + " must not be more precise than milliseconds (at most 3 fractional digits)");
        }
        Instant latest = now.plus(HORIZON);
        if (instant.isBefore(EARLIEST) || instant.isAfter(latest)) {
            throw invalid(field + " must lie between " + EARLIEST + " and " + latest.atOffset(ZoneOffset.UTC).toLocalDate()
                    + " (ten years from now)");
        }
        return instant;
    }

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException(detail);
    }
}
