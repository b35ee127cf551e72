package dev.ticketing.local.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange with a server over a plain socket, for what {@code java.net.http} will not send: a head that
 * declares a body it never sends, a body in chunks without {@code Content-Length}, a body that is not what its
 * {@code Content-Type} says, a request from another loopback address (another client, as API Gateway sees it).
 * The head goes as given, with {@code Host} and {@code Connection: close} added; the body is written by the caller,
 * and a write the server cut short (it answered and closed before the body was all sent) is not a failure. The
 * answer is read until the server closes: its status, headers and body (de-chunked), as an {@link Api.Response}.
 */
public final class RawHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    /** Writes a request's body; nothing for a head alone. */
    @FunctionalInterface
    public interface Body {
        Body NONE = out -> { };

        void writeTo(OutputStream out) throws IOException;

        static Body of(byte[] bytes) {
            return out -> out.write(bytes);
        }

        static Body of(String text) {
            return of(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final URI base;
    private final InetAddress from;

    private RawHttp(URI base, InetAddress from) {
        this.base = base;
        this.from = from;
    }

    /** Requests to the server at {@code base} (its host and port), from the loopback address the system picks. */
    public static RawHttp to(URI base) {
        return new RawHttp(base, null);
    }

    /** The same requests, sent from {@code local}: 127.0.0.2 is another client than 127.0.0.1 to the front. */
    public RawHttp from(InetAddress local) {
        return new RawHttp(base, local);
    }

    /**
     * Sends {@code method target} with {@code headers} (in their order; any framing, such as {@code Content-Length}
     * or {@code Transfer-Encoding}, is the caller's) and {@code body}, and reads the answer whole.
     *
     * @throws UncheckedIOException when no answer could be read
     */
    public Api.Response send(String method, String target, Map<String, String> headers, Body body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                body.writeTo(out);
                out.flush();
            } catch (IOException answeredAndClosed) {
                // the server refused the request before it was all sent: its answer is there to read
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + method + " " + target, e);
        }
    }

    /**
     * A POST of JSON whose head declares {@code contentLength} bytes and that sends none of them: the answer a server
     * gives from the head alone (a body over the route's limit is refused before a byte of it is read).
     * {@code token}: a bearer token, or null for none.
     */
    public Api.Response declaringOnly(String path, String token, int contentLength) {
        return send("POST", path, headers("Content-Type", "application/json", "Content-Length",
                Integer.toString(contentLength), "Authorization", token == null ? null : "Bearer " + token), Body.NONE);
    }

    /** Headers for {@link #send}, in the order given: name, value, name, value... */
    public static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                headers.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return headers;
    }

    private static Api.Response parse(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP/1.1 answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(answer, end + 4, answer.length);
        boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(value -> value.equalsIgnoreCase("chunked"));
        return new Api.Response(status, HttpHeaders.of(headers, (name, value) -> true),
                new String(chunked ? dechunked(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
