package dev.ticketing.input;

import dev.ticketing.problems.InvalidEncodingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** A gzip-compressed request body ({@code Content-Encoding: gzip}, a venue's plan only) inflated within a bound. */
public final class Gzip {
    private Gzip() {
    }

    /**
     * The inflated bytes, or {@code 413 content-too-large} once they pass {@code limit} (read no further: a body that
     * inflates without end costs at most {@code limit}), or {@code 400 invalid-encoding} for bytes that are not gzip.
     */
    public static byte[] inflate(byte[] compressed, int limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 64 * 1024)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, compressed.length * 10 + 1024));
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                RequestLimits.checkBody((long) out.size() + read, limit);
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InvalidEncodingException("The body is marked Content-Encoding: gzip but is not gzip ("
                    + e.getMessage() + ")");
        }
    }
}
