package dev.ticketing.api.reports;

import dev.ticketing.events.ReportSales;
import dev.ticketing.problems.ServiceUnavailableException;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Delivers an export too large for one API answer (API Gateway and Lambda stop at 6 MB; 100,000 tickets of CSV are
 * ~15 MB): written to {@code exports/<eventId>/<random>.csv} in the exports bucket as it is produced
 * ({@link MultipartUpload}: one 8 MiB part in memory), then a link to it that works for {@link ExportsConfig#linkLifetime}
 * only (a presigned GET). The object is unguessable, private and deleted by the bucket's lifecycle rule after a day
 * (docs/organiser-operations.md#the-sales-report).
 */
@Singleton
public class CsvExports {
    private static final Logger LOG = LoggerFactory.getLogger(CsvExports.class);
    static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final ExportsConfig config;

    public CsvExports(S3Client s3, S3Presigner presigner, ExportsConfig config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.config = config;
    }

    /**
     * Writes {@code export} to a new object named after {@code name} (the download's file name) and returns the link
     * to it. 503 {@code export-unavailable} when no bucket is configured or S3 fails (the parts written are thrown
     * away); what the export itself throws goes through as it is.
     */
    public URI upload(String eventId, String name, ReportSales.Export export) {
        if (config.bucket() == null || config.bucket().isBlank()) {
            throw unavailable("no exports bucket is configured (EXPORTS_BUCKET)");
        }
        String key = "exports/" + eventId + "/" + UUID.randomUUID() + ".csv";
        MultipartUpload upload;
        try {
            upload = MultipartUpload.start(s3, config.bucket(), key, CONTENT_TYPE,
                    "attachment; filename=\"" + name + "\"");
        } catch (SdkException e) {
            throw unavailable(e.getMessage());
        }
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(upload, StandardCharsets.UTF_8));
            export.writeTo(out);
            out.flush();
            upload.complete();
        } catch (IOException | SdkException e) {
            upload.abort();
            throw unavailable(e.getMessage());
        } catch (RuntimeException | Error e) {
            upload.abort();
            throw e;
        }
        LOG.info("export written to {}", key);
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(config.linkLifetime())
                .getObjectRequest(g -> g.bucket(config.bucket()).key(key))).url().toString());
    }

    private static ServiceUnavailableException unavailable(String why) {
        LOG.warn("export failed: {}", why);
        return new ServiceUnavailableException("export-unavailable", "Export unavailable",
                "The export could not be written; try again in a moment", java.util.Map.of());
    }
}
