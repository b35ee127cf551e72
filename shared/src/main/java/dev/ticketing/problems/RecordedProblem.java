package dev.ticketing.problems;

import java.util.Map;

/**
 * A problem decided by another process and handed over in storage (e.g. the best-available allocator refusing a
 * request that another function instance is waiting for), answered exactly as the original would have been.
 */
public class RecordedProblem extends TicketingException {
    public RecordedProblem(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(status, type, title, detail, extensions);
    }
}
