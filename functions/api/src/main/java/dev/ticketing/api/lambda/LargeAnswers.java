package dev.ticketing.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ticketing.problems.TicketingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Answers too large to send as they are. A Lambda function's answer is at most 6 MB (its JSON, body included) and API
 * Gateway's HTTP API compresses nothing itself, so an answer body over {@link #COMPRESS_ABOVE} bytes goes gzipped
 * ({@code Content-Encoding: gzip}, base64 in the Lambda answer, as API Gateway wants a binary body) to a client that
 * accepts it; browsers always do. Such a body over {@link #MOST_UNCOMPRESSED} to a client that does not is refused
 * with {@code 406 answer-too-large}: AWS would fail it anyway. The largest answer is the door list of a big event
 * (100,000 tickets: about 10 MB as it is, 3.6 MB gzipped).
 */
final class LargeAnswers {
    /**
     * Bodies above 256 KiB are compressed for a client that accepts gzip: the door list of a few thousand tickets
     * (100 bytes a ticket, a third of it gzipped), a big hall's full seat map; everything else is far smaller.
     */
    static final int COMPRESS_ABOVE = 256 * 1024;
    /** The most an uncompressed body may be: Lambda's 6 MB answer, less room for the headers. */
    static final int MOST_UNCOMPRESSED = 5_900_000;

    private LargeAnswers() {
    }

    /** {@code response}, compressed when large and the request accepts gzip; the problem when too large otherwise. */
    static APIGatewayV2HTTPResponse fit(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null || response.getIsBase64Encoded() || body.length() <= COMPRESS_ABOVE / 4) {
            return response; // a character is at most 4 bytes: certainly small
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= COMPRESS_ABOVE || header(response.getHeaders(), "Content-Encoding") != null) {
            return response;
        }
        if (!acceptsGzip(header(request.getHeaders(), "Accept-Encoding"))) {
            if (bytes.length <= MOST_UNCOMPRESSED) {
                return response;
            }
            throw new TicketingException(406, "answer-too-large", "Answer too large",
                    "The answer is " + bytes.length + " bytes, more than can be sent uncompressed: ask with "
                            + "Accept-Encoding: gzip", Map.of("bytes", bytes.length)) {
            };
        }
        // the length said is the uncompressed one: API Gateway (and the local front) count the body sent
        Map<String, String> headers = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Length"));
        headers.put("Content-Encoding", "gzip");
        headers.put("Vary", "Accept-Encoding");
        response.setHeaders(headers);
        if (response.getMultiValueHeaders() != null) {
            Map<String, List<String>> multi = new HashMap<>(response.getMultiValueHeaders());
            multi.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Vary"));
            response.setMultiValueHeaders(multi);
        }
        response.setBody(Base64.getEncoder().encodeToString(gzip(bytes)));
        response.setIsBase64Encoded(true);
        return response;
    }

    /** Whether an {@code Accept-Encoding} value accepts gzip (named, or {@code *}, without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.strip().split(";");
            String name = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().replace(" ", "");
                refused |= parameter.matches("q=0(\\.0{0,3})?");
            }
            if ((name.equals("gzip") || name.equals("*")) && !refused) {
                return true;
            }
        }
        return false;
    }

    private static String header(Map<String, String> headers, String name) {
        return headers == null ? null : headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
