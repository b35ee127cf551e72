package dev.ticketing.problems;

import java.util.Map;

/**
 * {@code 415 unsupported-content-encoding}: the body comes in a {@code Content-Encoding} the route does not take.
 * Only a venue's plan ({@code POST /venues}) may come gzip-compressed; every other body is plain UTF-8 JSON. Nothing
 * was read or changed.
 */
public class UnsupportedContentEncodingException extends TicketingException {
    public UnsupportedContentEncodingException(String encoding) {
        super(415, "unsupported-content-encoding", "Unsupported content encoding",
                "Content-Encoding " + encoding + " is not taken here: only POST /venues takes gzip; send other "
                        + "bodies as plain UTF-8 JSON", Map.of("contentEncoding", encoding));
    }
}
