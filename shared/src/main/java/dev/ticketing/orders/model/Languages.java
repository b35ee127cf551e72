package dev.ticketing.orders.model;

import dev.ticketing.problems.InvalidRequestException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The languages an order's mails and PDF can be written in: those with a texts file
 * {@code dev/ticketing/texts/<tag>.properties} on the class path (so adding a language is adding one file), and the
 * choice of one for a buyer: the one they asked for if there are texts for it, else the first of the request's
 * {@code Accept-Language} that has texts, else {@link #DEFAULT}.
 */
public final class Languages {
    /** The language when nothing else is known or offered. */
    public static final String DEFAULT = "en";
    /** Where each language's texts are: {@code <tag>.properties} under this folder of the class path. */
    public static final String TEXTS = "dev/ticketing/texts/";
    /** A primary language subtag (ISO 639), optionally with a region or script after a dash: {@code it}, {@code pt-BR}. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private Languages() {
    }

    /** True when there are texts for {@code tag} (lower case, a primary subtag). */
    public static boolean supported(String tag) {
        return tag != null && TAG.matcher(tag).matches() && tag.equals(tag.toLowerCase(Locale.ROOT))
                && Languages.class.getClassLoader().getResource(TEXTS + tag + ".properties") != null;
    }

    /**
     * The language of a buyer who asked for {@code requested} (may be null) in a request with {@code acceptLanguage}
     * (the header; may be null). A {@code requested} that is not a language tag at all is a 400 naming
     * {@code buyer.language}; a well-formed one without texts is passed over like an absent one.
     */
    public static String choose(String requested, String acceptLanguage) {
        if (requested != null) {
            if (requested.length() > 35 || !TAG.matcher(requested.strip()).matches()) {
                throw new InvalidRequestException("buyer.language must be a language tag such as \"it\" or \"en\"");
            }
            Optional<String> asked = primary(requested.strip());
            if (asked.isPresent()) {
                return asked.get();
            }
        }
        return fromHeader(acceptLanguage).orElse(DEFAULT);
    }

    /** The first language of an {@code Accept-Language} header (by weight) that has texts. */
    static Optional<String> fromHeader(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1000) {
            return Optional.empty();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream()
                    .map(range -> range.getRange())
                    .filter(range -> !range.equals("*"))
                    .map(Languages::primary)
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a malformed header says nothing about the buyer's language
        }
    }

    private static Optional<String> primary(String tag) {
        String language = tag.split("-", 2)[0].toLowerCase(Locale.ROOT);
        return supported(language) ? Optional.of(language) : Optional.empty();
    }
}
