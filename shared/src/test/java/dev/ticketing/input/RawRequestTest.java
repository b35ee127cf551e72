package dev.ticketing.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.RequestTooLargeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The body limit as the functions apply it to API Gateway's event ({@link RawRequest#text}): 64 KiB on every route
 * but {@code POST /venues}, whose body is a seating plan of up to 5 MiB (docs/venues.md#size).
 */
class RawRequestTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    @Test
    void aPlanMayBeFiveMebibytesAndOnlyAPlan() {
        String megabyte = "[\"" + "x".repeat(1024 * 1024) + "\"]";

        assertThat(request("POST", "/venues", megabyte).text()).hasSize(megabyte.length());
        assertThatThrownBy(() -> request("POST", "/events", megabyte).text())
                .isInstanceOfSatisfying(RequestTooLargeException.class,
                        tooLarge -> assertThat(tooLarge.extensions()).containsEntry("limitBytes", (long) RequestLimits.MAX_BODY_BYTES));
        assertThatThrownBy(() -> request("PATCH", "/venues/v1/plan", megabyte).text())
                .isInstanceOf(RequestTooLargeException.class);
        String overPlan = "x".repeat(RequestLimits.MAX_PLAN_BODY_BYTES + 1);
        assertThatThrownBy(() -> request("POST", "/venues", overPlan).text())
                .isInstanceOfSatisfying(RequestTooLargeException.class, tooLarge -> assertThat(tooLarge.extensions())
                        .containsEntry("limitBytes", (long) RequestLimits.MAX_PLAN_BODY_BYTES));
    }

    private static RawRequest request(String method, String path, String body) {
        return new RawRequest(method, path, "format=pretix", JSON, null, body, false);
    }
}
