package dev.ticketing.store;

/**
 * The single-table layout: key and index attribute names and the key prefixes of every item type.
 * The table itself is declared in template.yaml; this class is what the code knows about it.
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

    private Keys() {
    }

    public static String event(String eventId) {
        return "EVENT#" + eventId;
    }

    public static String hold(String holdId) {
        return "HOLD#" + holdId;
    }

    public static String ticket(String ticketId) {
        return "TICKET#" + ticketId;
    }

    public static String user(String userId) {
        return "USER#" + userId;
    }

    public static String payment(String paymentId) {
        return "PAYMENT#" + paymentId;
    }
}
