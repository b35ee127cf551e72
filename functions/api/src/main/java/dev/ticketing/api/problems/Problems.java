package dev.ticketing.api.problems;

import dev.ticketing.problems.ProblemDetails;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.problems.TooManyRequestsException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/** Micronaut's side of problem answers: {@link ProblemDetails}' bodies as {@code application/problem+json} responses. */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.of(ProblemDetails.MEDIA_TYPE);

    private Problems() {
    }

    /** The problem's answer; a 429 that knows when to come back says so in {@code Retry-After} (seconds). */
    public static MutableHttpResponse<Map<String, Object>> of(TicketingException problem) {
        MutableHttpResponse<Map<String, Object>> response = respond(problem.status(), ProblemDetails.of(problem));
        if (problem instanceof TooManyRequestsException tooMany) {
            tooMany.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", seconds));
        }
        return response;
    }

    public static MutableHttpResponse<Map<String, Object>> respond(int status, Map<String, Object> body) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(status)).body(body).contentType(PROBLEM_JSON);
    }
}
