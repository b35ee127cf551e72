package dev.ticketing.api.reports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An S3 object written as a stream in bounded memory: bytes gather in one buffer of {@link #PART_BYTES} and each
 * full buffer is sent as a part of a multipart upload, so an export of any size holds one part in memory. Opened by
 * {@link #start}, the object exists only once {@link #complete} returns; {@link #abort} throws the parts away (the
 * bucket's lifecycle rule also ends uploads left incomplete by a crash after a day).
 */
final class MultipartUpload extends OutputStream {
    /** A part's size: S3 takes 5 MiB at least for every part but the last (at most 10,000 parts: 80 GiB). */
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final byte[] buffer = new byte[PART_BYTES];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;

    private MultipartUpload(S3Client s3, String bucket, String key, String uploadId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
    }

    /** Starts the upload of {@code key}: the object will be served with these content type and disposition. */
    static MultipartUpload start(S3Client s3, String bucket, String key, String contentType, String contentDisposition) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                .contentDisposition(contentDisposition)).uploadId();
        return new MultipartUpload(s3, bucket, key, uploadId);
    }

    @Override
    public void write(int b) {
        if (filled == buffer.length) {
            sendPart();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (filled == buffer.length) {
                sendPart();
            }
            int taken = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, taken);
            filled += taken;
            offset += taken;
            length -= taken;
        }
    }

    /** Sends what is left as the last part and makes the object; an empty export is one empty part. */
    void complete() {
        if (filled > 0 || parts.isEmpty()) {
            sendPart();
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    /** Throws the parts away; whatever fails here is left to the lifecycle rule. */
    void abort() {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException ignored) {
            // the rule that ends incomplete uploads after a day removes it
        }
    }

    /** Nothing: the stream's end is {@link #complete} or {@link #abort}, which the caller decides. */
    @Override
    public void close() throws IOException {
    }

    private void sendPart() {
        int number = parts.size() + 1;
        int length = filled;
        // the buffer itself, read again on a retry: no copy of the part
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                        "application/octet-stream")).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        filled = 0;
    }
}
