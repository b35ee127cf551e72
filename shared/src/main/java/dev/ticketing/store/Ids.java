package dev.ticketing.store;

import java.util.regex.Pattern;

/**
 * Ids this system makes (events, holds, tickets, payments) are random UUIDs in their canonical 36-character form. A
 * path value that is not one names nothing, and is answered so before it reaches a key: DynamoDB refuses keys over
 * 2,048 bytes with an error that would otherwise surface as a 500 for a client's mistake.
 */
public final class Ids {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {
    }

    /** A value to quote back to a client, cut short: a path value may be kilobytes long. */
    public static String quoted(String value) {
        return value == null ? "null" : value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }

    /** Whether {@code id} has the form of an id this system makes (lower-case canonical UUID). */
    public static boolean isServerMade(String id) {
        return id != null && id.length() == 36 && UUID.matcher(id).matches();
    }
}
