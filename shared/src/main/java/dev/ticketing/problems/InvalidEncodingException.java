package dev.ticketing.problems;

import java.util.Map;

/**
 * The body is not UTF-8 without a byte order mark, the one encoding the API reads (RFC 8259 section 8.1): another
 * declared charset, a BOM, UTF-16 or UTF-32 bytes, or a byte sequence that is not UTF-8. Nothing was read or changed.
 */
public class InvalidEncodingException extends TicketingException {
    public InvalidEncodingException(String detail) {
        super(400, "invalid-encoding", "Invalid encoding", detail, Map.of());
    }
}
