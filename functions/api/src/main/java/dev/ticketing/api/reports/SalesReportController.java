package dev.ticketing.api.reports;

import dev.ticketing.events.ReportSales;
import dev.ticketing.events.model.SalesReport;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organiser's sales figures (docs/organiser-operations.md#the-sales-report): the report as JSON, and every sold
 * ticket as CSV, which is written to the exports bucket and answered {@code 303 See Other} to a short-lived link
 * ({@link CsvExports}: no API answer may exceed 6 MB). Who may read them is decided in {@link ReportSales}.
 */
@Controller("/events/{eventId}")
public class SalesReportController {
    private static final Logger LOG = LoggerFactory.getLogger(SalesReportController.class);

    private final ReportSales reports;
    private final CsvExports exports;

    public SalesReportController(ReportSales reports, CsvExports exports) {
        this.reports = reports;
        this.exports = exports;
    }

    @Get("/report")
    public SalesReport report(Caller caller, String eventId) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        return reports.report(caller, eventId);
    }

    /** 303 to the CSV ({@code text/csv}); 403/404 as the report, before anything is written. */
    @Get("/orders.csv")
    public HttpResponse<Void> orders(Caller caller, String eventId) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        ReportSales.Export export = reports.csv(caller, eventId);
        URI link = exports.upload(eventId, "orders-" + eventId + ".csv", export);
        LOG.info("sales export ready");
        return HttpResponse.<Void>status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, link.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
