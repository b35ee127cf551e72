package dev.ticketing.local.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local stack's S3, only as much of it as the functions use: the multipart upload of an object (create, upload
 * a part, complete, abort) and its download by a presigned GET, path-style ({@code http://127.0.0.1:<port>/<bucket>/<key>}),
 * so that the real SDK client and presigner of the API function work against it as they do against S3. Objects and
 * parts are files (under the data folder's {@code s3/}, or a temporary folder deleted on close): a part is written
 * to disk as it arrives and a download streamed from disk, so memory holds neither.
 *
 * <p>A download needs a presigned URL that has not expired ({@code X-Amz-Date} + {@code X-Amz-Expires}); the
 * signature itself is not verified here (S3 does), and objects are not expired by the bucket's lifecycle rule.
 * Other S3 operations answer {@code 501 NotImplemented}.
 */
public final class LocalS3 implements AutoCloseable {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern PART_NUMBER = Pattern.compile("<PartNumber>(\\d+)</PartNumber>");
    private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final Server jetty;
    private final ServerConnector connector;
    private final Path root;
    private final boolean temporary;
    private final Clock clock;
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();

    private LocalS3(Server jetty, ServerConnector connector, Path root, boolean temporary, Clock clock) {
        this.jetty = jetty;
        this.connector = connector;
        this.root = root;
        this.temporary = temporary;
        this.clock = clock;
    }

    /**
     * Listens on a free loopback port; keeps its files in {@code folder}, or in a temporary folder when null.
     * {@code clock} is the one the links are checked against: the SDK's presigner signs with the system clock.
     */
    public static LocalS3 start(Path folder, Clock clock) throws IOException {
        boolean temporary = folder == null;
        Path root = temporary ? Files.createTempDirectory("ticketing-s3") : Files.createDirectories(folder);
        // Jetty serving the JDK's HttpServer API, as the HTTP front does (HttpServer.create would take whichever
        // provider the class path offers first)
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("local-s3");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new ContextHandlerCollection());
        HttpServer server = new JettyHttpServer(jetty, true);
        LocalS3 s3 = new LocalS3(jetty, connector, root, temporary, clock);
        server.createContext("/", s3::handle);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IOException("the local S3 did not start", e);
        }
        return s3;
    }

    /** Where the SDK reaches it ({@code endpointOverride}, with path-style addresses). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** Makes {@code name} a bucket (again: a data folder keeps its objects). */
    public void createBucket(String name) {
        buckets.add(name);
        try {
            Files.createDirectories(root.resolve("buckets").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            int slash = path.indexOf('/', 1);
            if (slash < 0 || slash == path.length() - 1) {
                error(exchange, 501, "NotImplemented", "Only objects are served here");
                return;
            }
            String bucket = URLDecoder.decode(path.substring(1, slash), StandardCharsets.UTF_8);
            String key = URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
            if (!buckets.contains(bucket)) {
                error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && query.containsKey("uploads")) {
                createUpload(exchange, bucket, key);
            } else if (method.equals("PUT") && query.containsKey("uploadId") && query.containsKey("partNumber")) {
                uploadPart(exchange, query.get("uploadId"), query.get("partNumber"));
            } else if (method.equals("POST") && query.containsKey("uploadId")) {
                completeUpload(exchange, bucket, key, query.get("uploadId"));
            } else if (method.equals("DELETE") && query.containsKey("uploadId")) {
                abortUpload(exchange, query.get("uploadId"));
            } else if (method.equals("GET")) {
                download(exchange, bucket, key, query);
            } else {
                error(exchange, 501, "NotImplemented", method + " is not implemented by the local S3");
            }
        }
    }

    private void createUpload(HttpExchange exchange, String bucket, String key) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        String uploadId = UUID.randomUUID().toString();
        Path upload = Files.createDirectories(uploads().resolve(uploadId));
        Properties meta = new Properties();
        meta.setProperty("bucket", bucket);
        meta.setProperty("key", key);
        copyHeader(exchange, "Content-Type", meta);
        copyHeader(exchange, "Content-Disposition", meta);
        try (OutputStream out = Files.newOutputStream(upload.resolve("meta"))) {
            meta.store(out, null);
        }
        xml(exchange, 200, "<InitiateMultipartUploadResult xmlns=\"" + XMLNS + "\"><Bucket>" + escape(bucket)
                + "</Bucket><Key>" + escape(key) + "</Key><UploadId>" + uploadId + "</UploadId></InitiateMultipartUploadResult>");
    }

    private void uploadPart(HttpExchange exchange, String uploadId, String partNumber) throws IOException {
        Path upload = upload(uploadId);
        if (upload == null || !partNumber.matches("\\d{1,5}")) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            error(exchange, 404, "NoSuchUpload", "The specified upload does not exist");
            return;
        }
        MessageDigest md5 = md5();
        Path part = upload.resolve("part-" + Integer.parseInt(partNumber));
        Path writing = upload.resolve("part-" + Integer.parseInt(partNumber) + ".writing");
        try (InputStream body = payload(exchange);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(writing), md5)) {
            body.transferTo(out);
        }
        Files.move(writing, part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        exchange.getResponseHeaders().set("ETag", "\"" + HexFormat.of().formatHex(md5.digest()) + "\"");
        exchange.sendResponseHeaders(200, -1);
    }

    private void completeUpload(HttpExchange exchange, String bucket, String key, String uploadId) throws IOException {
        String body = new String(payload(exchange).readAllBytes(), StandardCharsets.UTF_8);
        Path upload = upload(uploadId);
        if (upload == null) {
            error(exchange, 404, "NoSuchUpload", "The specified upload does not exist");
            return;
        }
        Path object = object(bucket, key);
        Path writing = object.resolveSibling(object.getFileName() + ".writing");
        Matcher parts = PART_NUMBER.matcher(body);
        try (OutputStream out = Files.newOutputStream(writing)) {
            while (parts.find()) {
                Path part = upload.resolve("part-" + Integer.parseInt(parts.group(1)));
                if (!Files.exists(part)) {
                    out.close();
                    Files.delete(writing);
                    error(exchange, 400, "InvalidPart", "Part " + parts.group(1) + " was not uploaded");
                    return;
                }
                Files.copy(part, out);
            }
        }
        Files.copy(upload.resolve("meta"), object.resolveSibling(object.getFileName() + ".meta"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(writing, object, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        delete(upload);
        xml(exchange, 200, "<CompleteMultipartUploadResult xmlns=\"" + XMLNS + "\"><Bucket>" + escape(bucket)
                + "</Bucket><Key>" + escape(key) + "</Key><ETag>\"" + uploadId + "\"</ETag></CompleteMultipartUploadResult>");
    }

    private void abortUpload(HttpExchange exchange, String uploadId) throws IOException {
        Path upload = upload(uploadId);
        if (upload != null) {
            delete(upload);
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private void download(HttpExchange exchange, String bucket, String key, Map<String, String> query) throws IOException {
        String date = query.get("X-Amz-Date");
        String expires = query.get("X-Amz-Expires");
        if (date == null || expires == null || query.get("X-Amz-Signature") == null) {
            error(exchange, 403, "AccessDenied", "Only presigned requests are served");
            return;
        }
        Instant until;
        try {
            until = Instant.from(AMZ_DATE.parse(date)).plusSeconds(Long.parseLong(expires));
        } catch (RuntimeException e) {
            error(exchange, 403, "AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is not valid");
            return;
        }
        if (clock.instant().isAfter(until)) {
            error(exchange, 403, "AccessDenied", "Request has expired");
            return;
        }
        Path object = object(bucket, key);
        if (!Files.isRegularFile(object)) {
            error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(object.resolveSibling(object.getFileName() + ".meta"))) {
            meta.load(in);
        }
        exchange.getResponseHeaders().set("Content-Type", meta.getProperty("Content-Type", "binary/octet-stream"));
        if (meta.getProperty("Content-Disposition") != null) {
            exchange.getResponseHeaders().set("Content-Disposition", meta.getProperty("Content-Disposition"));
        }
        long length = Files.size(object);
        exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(object, out);
            }
        }
    }

    /**
     * The request's payload: as sent, or decoded from {@code aws-chunked} (the SDK's streaming form: chunks of
     * {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n}, a last chunk of size 0, then trailing checksums).
     */
    private static InputStream payload(HttpExchange exchange) {
        InputStream body = new BufferedInputStream(exchange.getRequestBody());
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        boolean chunked = (encoding != null && encoding.contains("aws-chunked"))
                || (sha != null && sha.startsWith("STREAMING-"));
        return chunked ? new AwsChunkedInputStream(body) : body;
    }

    /** Reads the data of an {@code aws-chunked} body and stops at its last chunk, leaving the trailers unread. */
    private static final class AwsChunkedInputStream extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        AwsChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String header = line();
                int semicolon = header.indexOf(';');
                left = Long.parseLong((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
                if (left == 0) {
                    done = true;
                    in.transferTo(OutputStream.nullOutputStream());
                    return -1;
                }
            }
            int read = in.read(bytes, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new IOException("aws-chunked body ended inside a chunk");
            }
            left -= read;
            if (left == 0) {
                line();
            }
            return read;
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    private Path uploads() {
        return root.resolve("uploads");
    }

    private Path upload(String uploadId) {
        if (!uploadId.matches("[0-9a-f-]{36}")) {
            return null;
        }
        Path upload = uploads().resolve(uploadId);
        return Files.isDirectory(upload) ? upload : null;
    }

    /** An object's file: its key encoded into one file name, so that no key reaches outside its bucket. */
    private Path object(String bucket, String key) {
        return root.resolve("buckets").resolve(bucket).resolve(URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                query.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void copyHeader(HttpExchange exchange, String name, Properties into) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
            into.setProperty(name, value);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        xml(exchange, status, "<Error><Code>" + code + "</Code><Message>" + escape(message) + "</Message></Error>");
    }

    private static void xml(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping: nothing left to do about it
        }
        if (temporary) {
            try {
                delete(root);
            } catch (IOException e) {
                // a temporary folder: the system cleans it up
            }
        }
    }
}
