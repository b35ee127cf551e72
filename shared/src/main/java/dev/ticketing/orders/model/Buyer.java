package dev.ticketing.orders.model;

import dev.ticketing.input.Fields;
import dev.ticketing.problems.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * Who bought an order, as asked at checkout: a name to put on the tickets, an e-mail address to send them to, and
 * the language the order's mails and PDF are written in (a tag {@link Languages} has texts for, such as {@code it}).
 * Built only through {@link #of}, so a stored buyer was valid when it was asked.
 */
public record Buyer(String name, String email, String language) {
    /** At most this many characters in a name (what fits on a ticket). */
    public static final int MAX_NAME = 100;
    /** RFC 5321's limit of a path, which bounds an address. */
    public static final int MAX_EMAIL = 254;
    /**
     * A mailbox as people type it: a local part and a domain with at least one dot, no spaces, no second @. It is
     * not RFC 5322's whole grammar (quoted local parts, IP literals) on purpose: the address must be one a mail
     * provider delivers to, and the confirmation mail proves it in the end.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** A buyer as stored before orders kept a language: their mails are in {@link Languages#DEFAULT}. */
    public Buyer(String name, String email) {
        this(name, email, Languages.DEFAULT);
    }

    /** A buyer as stored: {@code language} null for one stored before orders kept a language. */
    public static Buyer stored(String name, String email, String language) {
        return new Buyer(name, email, language == null ? Languages.DEFAULT : language);
    }

    /** {@link #of(String, String, String)} in {@link Languages#DEFAULT}. */
    public static Buyer of(String name, String email) {
        return of(name, email, Languages.DEFAULT);
    }

    /**
     * The buyer from a request's {@code buyer} object: a name of 1..100 characters (stripped), an e-mail address
     * (stripped; the domain lower-cased) and a language already chosen by {@link Languages#choose}. Throws a 400
     * naming {@code buyer.name} or {@code buyer.email} otherwise.
     */
    public static Buyer of(String name, String email, String language) {
        String checkedName = Fields.text("buyer.name", name, MAX_NAME);
        if (checkedName.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("buyer.name must not contain control characters");
        }
        String address = Fields.text("buyer.email", email, MAX_EMAIL);
        if (!EMAIL.matcher(address).matches() || address.contains("..") || address.startsWith(".")
                || address.contains(".@")) {
            throw new InvalidRequestException("buyer.email is not an e-mail address (e.g. ada@example.com)");
        }
        int at = address.indexOf('@');
        return new Buyer(checkedName, address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(java.util.Locale.ROOT),
                Languages.supported(language) ? language : Languages.DEFAULT);
    }
}
