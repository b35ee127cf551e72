package dev.ticketing.delivery.documents;

import dev.ticketing.orders.model.Languages;
import dev.ticketing.delivery.model.TicketSheet;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts of one language ({@code dev/ticketing/texts/<tag>.properties}, UTF-8, {@link MessageFormat} patterns),
 * with its locale's way of writing dates and money. A key missing from a language falls back to
 * {@link Languages#DEFAULT}'s, so a new language file that lacks a new key still makes a whole mail.
 */
public final class Texts {
    private static final Map<String, Texts> LOADED = new ConcurrentHashMap<>();

    private final String language;
    private final Properties texts;
    private final Properties fallback;
    private final Locale locale;

    private Texts(String language, Properties texts, Properties fallback) {
        this.language = language;
        this.texts = texts;
        this.fallback = fallback;
        this.locale = Locale.forLanguageTag(texts.getProperty("locale", language));
    }

    /** The texts of {@code language}, or of {@link Languages#DEFAULT} when there are none for it. */
    public static Texts of(String language) {
        String tag = Languages.supported(language) ? language : Languages.DEFAULT;
        return LOADED.computeIfAbsent(tag, found -> new Texts(found, load(found),
                found.equals(Languages.DEFAULT) ? new Properties() : load(Languages.DEFAULT)));
    }

    public String language() {
        return language;
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key} with {@code values} put in; a missing key is a bug in a texts file, told as such. */
    public String get(String key, Object... values) {
        String pattern = texts.getProperty(key, fallback.getProperty(key));
        if (pattern == null) {
            throw new IllegalStateException("no text " + key + " in " + Languages.TEXTS + language + ".properties");
        }
        return new MessageFormat(pattern, locale).format(values);
    }

    /** A seat's label as printed: {@code Row 5, Seat 6} / {@code Fila 5, Posto 6}. */
    public String seat(int row, int seat) {
        return get("seat.label", String.valueOf(row), String.valueOf(seat));
    }

    /** A ticket's seat as printed: as its plan names it, else {@link #seat(int, int)}. */
    public String seat(TicketSheet sheet) {
        return sheet.place() != null ? sheet.place() : seat(sheet.row(), sheet.seat());
    }

    /** An instant as a date and time in {@code zone}, with the zone named: {@code Sunday 14 February 2027 at 20:30 CET}. */
    public String dateTime(Instant instant, ZoneId zone) {
        DateTimeFormatter format = new DateTimeFormatterBuilder()
                .appendLocalized(FormatStyle.FULL, FormatStyle.SHORT)
                .appendLiteral(' ')
                .appendZoneText(TextStyle.SHORT)
                .toFormatter(locale)
                .withZone(zone);
        return format.format(instant);
    }

    /** An amount in {@code currency} as the locale writes money: {@code €60.00} / {@code 60,00 €}. */
    public String money(BigDecimal amount, String currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            format.setCurrency(Currency.getInstance(currency));
        } catch (IllegalArgumentException | NullPointerException e) {
            return amount.toPlainString() + " " + currency;
        }
        return format.format(amount);
    }

    private static Properties load(String tag) {
        Properties properties = new Properties();
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(Languages.TEXTS + tag + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("no texts for language " + tag);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
