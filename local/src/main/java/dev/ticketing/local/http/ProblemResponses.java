package dev.ticketing.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.input.RequestLimits;
import dev.ticketing.problems.ProblemDetails;
import dev.ticketing.problems.RequestTooLargeException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty itself refuses, before any handler of the front runs, as the same problem+json the functions answer: a
 * head over {@link RequestLimits#MAX_HEAD_BYTES} ({@code 431}), a body over its route's {@link RequestLimits#maxBodyBytes}
 * ({@code 413}), a request that is no valid HTTP ({@code 400}, such as both {@code Content-Length} and
 * {@code Transfer-Encoding}). The body never names what failed inside.
 */
final class ProblemResponses extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every method gets a problem body, not only those Jetty's default handler picks. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        write(response, callback, switch (code) {
            case 413 -> ProblemDetails.of(RequestTooLargeException.body(
                    RequestLimits.maxBodyBytes(request.getMethod(), request.getHttpURI().getPath())));
            case 431 -> ProblemDetails.of(RequestTooLargeException.headers(RequestLimits.MAX_HEAD_BYTES));
            default -> code >= 500 ? ProblemDetails.internalError("Please try again.")
                    : ProblemDetails.titled(code, HttpStatus.getMessage(code),
                    "The front refused the request before any function saw it: " + HttpStatus.getMessage(code));
        });
    }

    /** Answers {@code body}, a problem, with its status. */
    static void write(Response response, Callback callback, Map<String, Object> body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.setStatus((Integer) body.get("status"));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
