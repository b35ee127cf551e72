package dev.ticketing.identity;

import dev.ticketing.problems.ForbiddenException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated user behind a request: the JWT's {@code sub}, and the roles its groups give (read exactly from
 * the token's {@code groups} / {@code cognito:groups} array by the API; see {@code JwtClaims}).
 */
public record Caller(String userId, Set<Role> roles) {
    /** What a member of a group may do; the group names are in {@link dev.ticketing.config.IdentityConfig}. */
    public enum Role {
        /** The platform admin (the configured admin group): everything. */
        ADMIN,
        /** An organiser (group {@code organizer}): their own events. */
        ORGANIZER,
        /** Box-office staff (group {@code staff}): admission. */
        STAFF
    }

    public Caller {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A buyer ({@code admin} false) or a platform admin. */
    public Caller(String userId, boolean admin) {
        this(userId, admin ? Set.of(Role.ADMIN) : Set.of());
    }

    public boolean admin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean organizer() {
        return roles.contains(Role.ORGANIZER);
    }

    public boolean staff() {
        return roles.contains(Role.STAFF);
    }

    /** @throws ForbiddenException unless a platform admin */
    public void requireAdmin() {
        if (!admin()) {
            throw new ForbiddenException("Only admins can do this");
        }
    }
}
