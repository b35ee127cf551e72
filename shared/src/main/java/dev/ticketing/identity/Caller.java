package dev.ticketing.identity;

import dev.ticketing.problems.ForbiddenException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated user behind a request: the JWT's {@code sub}, the roles its groups give (read exactly from the
 * token's {@code groups} / {@code cognito:groups} array by the API; see {@code JwtClaims}), and the organisation they
 * act for as an organiser: the value of the configured organiser claim
 * ({@link dev.ticketing.config.IdentityConfig#organizerClaim}, e.g. an organisation id), null when there is none
 * (issue 21, item 1). The organiser ({@link #organizerId}) owns the events they create.
 */
public record Caller(String userId, Set<Role> roles, String organization) {
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
        if (organization != null && organization.isBlank()) {
            organization = null;
        }
    }

    /** A caller who acts for no organisation. */
    public Caller(String userId, Set<Role> roles) {
        this(userId, roles, null);
    }

    /** A buyer ({@code admin} false) or a platform admin. */
    public Caller(String userId, boolean admin) {
        this(userId, admin ? Set.of(Role.ADMIN) : Set.of());
    }

    /**
     * The organiser the caller acts for, as events store it: {@code organization#<claim value>}, or
     * {@code user#<sub>} without an organisation. The two forms never meet ({@code #} is in neither a subject nor a
     * claim value the API accepts), so a user whose id reads like an organisation's gets none of its events.
     */
    public String organizerId() {
        return organization != null ? "organization#" + organization : "user#" + userId;
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
