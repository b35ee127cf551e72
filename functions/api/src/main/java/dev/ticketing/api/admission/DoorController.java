package dev.ticketing.api.admission;

import dev.ticketing.admission.ListDoorTickets;
import dev.ticketing.admission.ReconcileOfflineScans;
import dev.ticketing.admission.ReportCheckIns;
import dev.ticketing.admission.model.CheckInReport;
import dev.ticketing.admission.model.OfflineResults;
import dev.ticketing.admission.model.OfflineUpload;
import dev.ticketing.admission.model.SignedDoorList;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The door while offline: the signed list of tickets, the upload of offline scans, the check-in report. */
@Controller
public class DoorController {
    private static final Logger LOG = LoggerFactory.getLogger(DoorController.class);

    private final ListDoorTickets list;
    private final ReconcileOfflineScans offline;
    private final ReportCheckIns report;

    public DoorController(ListDoorTickets list, ReconcileOfflineScans offline, ReportCheckIns report) {
        this.list = list;
        this.offline = offline;
        this.report = report;
    }

    @Get("/events/{eventId}/checkin-list")
    public SignedDoorList list(Caller caller, String eventId, QueryValues query) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        return list.list(caller, eventId, query.get("since"));
    }

    @Post("/events/{eventId}/checkins/offline")
    public OfflineResults offline(Caller caller, String eventId, @Body @Nullable OfflineUpload body) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        OfflineResults results = offline.upload(caller, eventId, body == null ? new OfflineUpload(null, null) : body);
        LOG.info("{} offline scans reconciled", results.results().size());
        return results;
    }

    @Get("/events/{eventId}/checkin-report")
    public CheckInReport report(Caller caller, String eventId) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        return report.report(caller, eventId);
    }
}
