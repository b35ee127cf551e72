package dev.ticketing.venues.items;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A stored plan's bytes: its own-form text gzip-compressed (a seat's JSON repeats its member names: about a tenth of
 * the text), cut into {@link PlanItems#CHUNK_BYTES} chunks, with the SHA-256 that a read checks them against.
 */
public final class PlanBlobs {
    private PlanBlobs() {
    }

    public static byte[] compress(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, text.length() / 8));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String decompress(byte[] data) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<byte[]> split(byte[] data) {
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < data.length || chunks.isEmpty(); from += PlanItems.CHUNK_BYTES) {
            chunks.add(java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + PlanItems.CHUNK_BYTES)));
        }
        return chunks;
    }

    public static byte[] join(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
