package dev.ticketing.config;

import java.util.regex.Pattern;

/**
 * Who is an admin: exactly the members of {@code adminGroup} (env {@code ADMIN_GROUP}, default {@code admin}), as named
 * in a token's {@code groups} or {@code cognito:groups} claim. A Cognito group name has no whitespace, and API
 * Gateway hands an array claim over as its elements separated by single spaces, so a name with whitespace could never
 * match: it is refused at start-up.
 */
public record IdentityConfig(String adminGroup) {
    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");

    public IdentityConfig {
        if (adminGroup == null || !GROUP.matcher(adminGroup).matches()) {
            throw new IllegalArgumentException("ADMIN_GROUP must be a group name of 1-128 characters without whitespace");
        }
    }
}
