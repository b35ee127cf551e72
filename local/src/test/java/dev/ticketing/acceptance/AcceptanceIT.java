package dev.ticketing.acceptance;

import dev.ticketing.local.testing.Api;

/**
 * The acceptance tests against the embedded local stack, or against the deployment {@link AcceptanceTarget} names:
 * {@code mvn -pl local -am verify -Dtest=AcceptanceIT -Dsurefire.failIfNoSpecifiedTests=false
 * -Dticketing.baseUrl=https://<api>.execute-api.<region>.amazonaws.com -Dticketing.tokenCommand=./token.sh}.
 */
class AcceptanceIT extends AcceptanceTests {
    private final Api api = AcceptanceTarget.fromEnvironment();

    @Override
    protected Api api() {
        return api;
    }
}
