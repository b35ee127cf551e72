package dev.ticketing.store;

/**
 * The single-table layout: key and index attribute names and the key prefixes of every item type.
 * The table itself is declared in template.yaml; this class is what the code knows about it.
 *
 * <p>Keys join their parts with {@code #}. Every part that may come from outside (a token's subject, a client's
 * {@code Idempotency-Key}, a provider's order or event id, a path id) goes through {@link #part}, which escapes
 * {@code %} and {@code #}, so that no two different lists of parts make one key: {@code ("alice#x", "y")} and
 * {@code ("alice", "x#y")} stay apart. Ids this system makes and the subjects it accepts contain neither character,
 * so their keys read as they always did.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** Epoch seconds; the table's TTL attribute. */
    public static final String TTL = "ttl";

    public static final String META = "META";
    public static final String LEASE = "LEASE";
    /** What joins the parts of a key. */
    public static final char SEPARATOR = '#';

    private Keys() {
    }

    /**
     * A prefix (a constant of this code, such as {@code IDEMPOTENCY}) and its parts, each escaped by {@link #part},
     * joined by {@code #}.
     */
    public static String of(String prefix, String... parts) {
        StringBuilder key = new StringBuilder(prefix);
        for (String part : parts) {
            key.append(SEPARATOR).append(part(part));
        }
        return key.toString();
    }

    /** One part of a key: {@code %} becomes {@code %25} and {@code #} becomes {@code %23}, nothing else changes. */
    public static String part(String value) {
        if (value.indexOf('%') < 0 && value.indexOf(SEPARATOR) < 0) {
            return value;
        }
        return value.replace("%", "%25").replace("#", "%23");
    }

    public static String event(String eventId) {
        return of("EVENT", eventId);
    }

    public static String hold(String holdId) {
        return of("HOLD", holdId);
    }

    public static String ticket(String ticketId) {
        return of("TICKET", ticketId);
    }

    public static String user(String userId) {
        return of("USER", userId);
    }

    public static String payment(String paymentId) {
        return of("PAYMENT", paymentId);
    }
}
