package dev.ticketing.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the web page's files from a classpath folder ({@code web/} inside the local jar), so the page works
 * whatever the working directory. GET and HEAD only; a fixed set of file types; a path is a list of plain
 * names, so nothing outside the folder can be named ({@code ..}, encoded characters, empty or hidden segments all
 * answer 404). Every answer carries an ETag of its content and {@code Cache-Control: no-cache}: browsers revalidate
 * each time (a 304 costs nothing) and never run an old script against a newer API.
 */
public final class StaticFiles implements HttpHandler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    /** The page talks to its own origin only and may not be framed. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String INDEX = "index.html";

    private final ClassLoader loader;
    private final String root;

    private StaticFiles(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root;
    }

    /** The files under classpath folder {@code root}, e.g. {@code web}. */
    public static StaticFiles fromClasspath(String root) {
        return new StaticFiles(StaticFiles.class.getClassLoader(), root);
    }

    /** A handler that answers the folder's {@code index.html} whatever the path it is mounted at. */
    public HttpHandler index() {
        return exchange -> {
            try (exchange) {
                serve(exchange, INDEX);
            }
        };
    }

    /** Serves the file named by the path after the context this handler is mounted at (e.g. {@code /web/}). */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String context = exchange.getHttpContext().getPath();
            String path = exchange.getRequestURI().getRawPath();
            if (!context.endsWith("/")) {
                context = context + "/";
            }
            serve(exchange, path.startsWith(context) ? path.substring(context.length()) : "");
        }
    }

    private void serve(HttpExchange exchange, String relative) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            HttpFront.sendProblem(exchange, 405, "Method Not Allowed", method + " is not allowed on static files");
            return;
        }
        String type = safe(relative) ? TYPES.get(extension(relative)) : null;
        byte[] body = type == null ? null : read(root + "/" + relative);
        if (body == null) {
            HttpFront.sendProblem(exchange, 404, "Not Found", "No file " + exchange.getRequestURI().getRawPath());
            return;
        }
        String etag = "\"" + sha256(body) + "\"";
        var headers = exchange.getResponseHeaders();
        headers.set("ETag", etag);
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), etag)) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        headers.set("Content-Type", type);
        if (relative.endsWith(".html")) {
            headers.set("Content-Security-Policy", CSP);
            headers.set("Referrer-Policy", "no-referrer");
        }
        if (method.equals("HEAD")) {
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** Plain names separated by single slashes: no {@code ..}, no hidden files, no encoded characters. */
    static boolean safe(String relative) {
        if (relative.isEmpty() || relative.length() > 512) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private byte[] read(String resource) throws IOException {
        URL url = loader.getResource(resource);
        if (url == null) {
            return null;
        }
        if (url.getProtocol().equals("file")) {
            try {
                if (!Files.isRegularFile(Path.of(url.toURI()))) {
                    return null;
                }
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
