package dev.ticketing.api.problems;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.ticketing.problems.ProblemDetails;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micronaut's own errors (malformed JSON, a field of the wrong type, an unknown route, a wrong method, an
 * unexpected failure) as problem+json. A 5xx never shows what went wrong inside; it is logged instead.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String title = response.getStatus().getReason();
        String detail;
        String type;
        if (status >= 500) {
            LOG.error("Unexpected failure on {} {}", context.getRequest().getMethod(), context.getRequest().getPath(),
                    context.getRootCause().orElse(null));
            type = "internal-error";
            detail = ProblemDetails.INTERNAL_ERROR_DETAIL + " Nothing you sent was at fault; please try again.";
        } else {
            Optional<String> json = context.getRootCause().flatMap(ProblemErrorResponseProcessor::jsonProblem);
            type = json.isPresent() ? "invalid-request" : ProblemDetails.slug(title);
            detail = json.orElseGet(() -> context.getErrors().stream()
                    .map(Error::getMessage)
                    .collect(Collectors.joining("; ")));
            if (detail.isBlank()) {
                detail = title;
            }
        }
        return Problems.respond(status, ProblemDetails.of(status, type, title, detail));
    }

    /** A clear sentence for a body Jackson could not read, without class names or parser internals. */
    static Optional<String> jsonProblem(Throwable error) {
        JsonMappingException mapping = null;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException
                    || cause instanceof JsonMappingException m && m.getOriginalMessage() != null
                    && (m.getOriginalMessage().contains("end-of-input")
                    || m.getOriginalMessage().startsWith("Trailing token"))) {
                return Optional.of("The body is not valid JSON");
            }
            if (mapping == null && cause instanceof JsonMappingException m) {
                mapping = m;
            }
        }
        if (mapping == null) {
            return Optional.empty();
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return Optional.of(field.isEmpty()
                ? "The body does not have the expected shape"
                : "Field '" + field + "' has the wrong type or format");
    }

}
