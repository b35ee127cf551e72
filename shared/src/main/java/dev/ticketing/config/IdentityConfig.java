package dev.ticketing.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Who the callers are, beyond what API Gateway's JWT authorizer checks (signature, {@code kid}, issuer, audience,
 * expiry): the checks the API function adds to every token, and the groups that give roles.
 *
 * @param adminGroup      the platform admins: exactly the members of this group (env {@code ADMIN_GROUP}, default
 *                        {@code admin}), as named in a token's {@code groups} or {@code cognito:groups} array; a
 *                        name of 1-128 characters without whitespace (Cognito's rule for group names)
 * @param maxTokenLifetime the longest {@code exp - iat} a token may have (env {@code TOKEN_MAX_LIFETIME}, default
 *                        {@code PT24H}: Cognito's longest ID and access tokens last a day)
 * @param clockSkew       how far a token's {@code iat} may lie ahead of this function's clock (env
 *                        {@code TOKEN_CLOCK_SKEW}, default {@code PT60S}), for the issuer's clock running fast
 * @param organizerClaim  the claim naming the organiser a caller acts for, e.g. an organisation id (env
 *                        {@code ORGANIZER_CLAIM}, default empty: every organiser is the user themself); a token
 *                        without the claim organises as its user (issue 21, item 1); a name of at most 128
 *                        characters without whitespace
 */
public record IdentityConfig(String adminGroup, Duration maxTokenLifetime, Duration clockSkew, String organizerClaim) {
    /** The organisers' group (../shared/API.md, "Roles"). */
    public static final String ORGANIZER_GROUP = "organizer";
    /** The box-office staff's group. */
    public static final String STAFF_GROUP = "staff";

    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");

    public IdentityConfig {
        if (adminGroup == null || !GROUP.matcher(adminGroup).matches()) {
            throw new IllegalArgumentException("ADMIN_GROUP must be a group name of 1-128 characters without whitespace");
        }
        if (maxTokenLifetime == null || maxTokenLifetime.compareTo(Duration.ofMinutes(5)) < 0
                || maxTokenLifetime.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("TOKEN_MAX_LIFETIME must be 5 minutes to 30 days, was " + maxTokenLifetime);
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("TOKEN_CLOCK_SKEW must be 0 to 5 minutes, was " + clockSkew);
        }
        organizerClaim = organizerClaim == null ? "" : organizerClaim;
        if (!organizerClaim.isEmpty() && !GROUP.matcher(organizerClaim).matches()) {
            throw new IllegalArgumentException("ORGANIZER_CLAIM must be empty or a claim name of 1-128 characters "
                    + "without whitespace");
        }
    }

    /** The token checks, every organiser the user themself. */
    public IdentityConfig(String adminGroup, Duration maxTokenLifetime, Duration clockSkew) {
        this(adminGroup, maxTokenLifetime, clockSkew, "");
    }

    /** Whether an organiser claim is configured ({@link #organizerClaim} not empty). */
    public boolean organizerFromClaim() {
        return !organizerClaim.isEmpty();
    }

    /** The admin group, with the defaults for the token checks. */
    public IdentityConfig(String adminGroup) {
        this(adminGroup, Duration.ofHours(24), Duration.ofSeconds(60));
    }
}
