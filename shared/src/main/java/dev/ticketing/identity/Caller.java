package dev.ticketing.identity;

import dev.ticketing.problems.ForbiddenException;

/** The authenticated user behind a request: the JWT's {@code sub}, and whether they are in the admin group. */
public record Caller(String userId, boolean admin) {
    public Caller {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
    }

    public void requireAdmin() {
        if (!admin) {
            throw new ForbiddenException("Only admins can do this");
        }
    }
}
