package dev.ticketing.input;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The one text form of an instant this system stores and answers: UTC with exactly three fractional digits,
 * {@code 2027-02-14T20:30:00.000Z}. Every such text has the same length (years 1000-9999), so text order is time
 * order: the event list's index key ({@code gsi1sk}) starts with it, and DynamoDB sorts it as text. Before this form,
 * instants were stored as {@link Instant#toString()} wrote them ({@code 10:00:00Z} after {@code 10:00:00.050Z}, and
 * any fraction kept); {@link #parse} still reads those, and every ISO-8601 form with an offset.
 */
public final class Instants {
    /** Milliseconds: what the system keeps of an instant (a request naming a finer one is refused, see {@link Fields}). */
    public static final ChronoUnit PRECISION = ChronoUnit.MILLIS;

    private static final DateTimeFormatter CANONICAL = new DateTimeFormatterBuilder().appendInstant(3).toFormatter(Locale.ROOT);

    private Instants() {
    }

    /** {@code instant} in the canonical form, cut to milliseconds ({@code 2027-02-14T20:30:00.000Z}). */
    public static String text(Instant instant) {
        return CANONICAL.format(instant.truncatedTo(PRECISION));
    }

    /**
     * An instant stored in any ISO-8601 form with an offset: the canonical one, {@link Instant#toString()}'s
     * ({@code 2027-02-14T20:30Z}, {@code ...20:30:00.123456789Z}) or one with an offset ({@code +01:00}).
     *
     * @throws java.time.format.DateTimeParseException not such a text (a stored item is corrupt)
     */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** A Jackson module writing every {@link Instant} in the canonical form: the API's answers show dates so. */
    public static Module jsonModule() {
        return new SimpleModule("canonical-instants").addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(text(value));
            }
        });
    }
}
