package dev.ticketing.admission;

import dev.ticketing.admission.items.OfflineScanItems;
import dev.ticketing.admission.keys.TicketCodes;
import dev.ticketing.admission.model.OfflineResults;
import dev.ticketing.admission.model.OfflineUpload;
import dev.ticketing.admission.model.ScanResult;
import dev.ticketing.admission.model.TicketCode;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.store.Parallel;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Admission;
import dev.ticketing.tickets.model.IssuedTicket;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@code POST /events/{eventId}/checkins/offline}: a door device, back online, uploads the scans it let in while
 * offline, and the server reconciles them with every other admission of those tickets.
 *
 * <ul>
 *   <li><b>First scan wins.</b> Of all admissions of a ticket (offline scans of any device, online check-ins), the
 *       one with the earliest time is its admission: an offline scan uploaded late that is earlier than the recorded
 *       admission takes its place ({@link TicketItems#admitEarlier}), and the one it displaces is kept as the
 *       second.</li>
 *   <li><b>A second admission is flagged</b>: a ticket let in twice (two devices offline, or offline and online)
 *       keeps the earliest of the later admissions as its second ({@link TicketItems#flagSecond}), which the check-in
 *       report lists with both devices and times. The scan answers {@code already-admitted} with the first.</li>
 *   <li><b>Every write is conditional</b> on the admissions read (compare-and-set), never a read then a blind
 *       write: of two devices uploading the same ticket at once, each write either finds what it read or is refused
 *       and the scan is reconciled again on what is there now.</li>
 *   <li><b>Idempotent by scan</b>: the answer to a scan naming a ticket of this event is kept
 *       ({@link OfflineScanItems}, per event, device and scan id) and a re-upload answers it again, whatever changed
 *       since. Unknown and wrong-event answers follow from the code alone and are not kept.</li>
 * </ul>
 * Scan times are the devices' clocks: a device whose clock runs late wins ties it should lose. The upload is
 * checked whole before anything is written ({@link OfflineUpload#checked}); unknown codes are not rate limited here
 * (they were scanned at the door, not guessed), an upload carries at most 500.
 */
@Singleton
public class ReconcileOfflineScans {
    /** Reconciling one scan again after a refused write: another device's write came between. */
    private static final int ATTEMPTS = 10;
    /** Scans of an upload reconciled at once. */
    private static final int PARALLEL_SCANS = 8;

    private final Table table;
    private final EventReader events;
    private final TicketCodes codes;
    private final Clock clock;
    private final TicketItems tickets;
    private final OfflineScanItems answers;

    public ReconcileOfflineScans(Table table, EventReader events, TicketCodes codes, Clock clock) {
        this.table = table;
        this.events = events;
        this.codes = codes;
        this.clock = clock;
        this.tickets = new TicketItems(table);
        this.answers = new OfflineScanItems(table);
    }

    /**
     * The answer to each scan of {@code body}, in its order.
     *
     * @throws dev.ticketing.problems.TicketingException 403 not staff, 404 unknown event, 400 a bad upload (naming
     *         the field), 413 more than 500 scans; nothing written in each case
     */
    public OfflineResults upload(Caller caller, String eventId, OfflineUpload body) {
        DoorAccess.requireMayScan(caller);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OfflineUpload.Checked upload = body.checked(now);
        Event read = events.get(eventId);
        String event = read.id();
        // the scans at once: each is right whatever the others do (conditional writes), and 500 one after the
        // other would be some 2,000 calls in a row, too close to the API's 29 s
        return new OfflineResults(Parallel.map(upload.scans(), PARALLEL_SCANS, scan -> {
            Admission admission = new Admission(scan.scannedAt(), upload.deviceId(), scan.scanId(), caller.userId());
            return answers.find(event, upload.deviceId(), scan.scanId())
                    .orElseGet(() -> answer(read, scan.code(), admission));
        }));
    }

    private ScanResult answer(Event event, String text, Admission scan) {
        String eventId = event.id();
        Optional<TicketCode> verified = codes.verify(text);
        if (verified.isEmpty()) {
            return ScanResult.of(scan.scanId(), ScanResult.UNKNOWN);
        }
        TicketCode code = verified.get();
        if (!code.eventId().equals(eventId)) {
            return ScanResult.of(scan.scanId(), ScanResult.WRONG_EVENT);
        }
        ScanResult answer = reconcile(code, scan, event.layout());
        if (answer.ticketId() == null || table.writeAlone(answers.record(eventId, scan.deviceId(), answer,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)))) {
            return answer;
        }
        // the same scan uploaded twice at once: the other upload's answer is the one kept
        return answers.find(eventId, scan.deviceId(), scan.scanId()).orElse(answer);
    }

    /** The scan reconciled with the ticket's admissions: read, decide, one conditional write; again if refused. */
    private ScanResult reconcile(TicketCode code, Admission scan, SeatLayout layout) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<IssuedTicket> read = CodeTickets.read(table, code);
            if (read.isEmpty()) {
                return ScanResult.of(scan.scanId(), ScanResult.UNKNOWN);
            }
            IssuedTicket issued = read.get();
            Ticket ticket = issued.ticket();
            if (ticket.status() != TicketStatus.PAID || issued.codeVersion() != code.version()) {
                return result(layout, scan, ScanResult.REVOKED, issued, null);
            }
            Admission first = issued.admission();
            Admission second = issued.second();
            Optional<TransactWriteItem> write;
            ScanResult ifWritten;
            if (first == null) {
                write = Optional.of(tickets.admit(ticket, code.version(), scan, now()));
                ifWritten = result(layout, scan, ScanResult.ADMITTED, issued, null);
            } else if (same(first, scan)) {
                return result(layout, scan, ScanResult.ADMITTED, issued, null);
            } else if (scan.at().isBefore(first.at())) {
                write = Optional.of(tickets.admitEarlier(ticket, code.version(), first, scan, now()));
                ifWritten = result(layout, scan, ScanResult.ADMITTED, issued, null);
            } else if (second != null && (same(second, scan) || !scan.at().isBefore(second.at()))) {
                return result(layout, scan, ScanResult.ALREADY_ADMITTED, issued, first);
            } else {
                write = Optional.of(tickets.flagSecond(ticket, code.version(), first, second, scan));
                ifWritten = result(layout, scan, ScanResult.ALREADY_ADMITTED, issued, first);
            }
            if (table.writeAlone(write.get())) {
                return ifWritten;
            }
        }
        throw new ConflictException("ticket-changed", "Ticket changed",
                "The ticket kept changing while this scan was reconciled; upload it again", Map.of("scanId", scan.scanId()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean same(Admission admission, Admission scan) {
        return admission.scanId().equals(scan.scanId()) && admission.deviceId().equals(scan.deviceId());
    }

    private static ScanResult result(SeatLayout layout, Admission scan, String result, IssuedTicket issued,
                                     Admission first) {
        Ticket ticket = issued.ticket();
        return new ScanResult(scan.scanId(), result, ticket.id(), layout.nameOf(new SeatId(ticket.row(), ticket.column())),
                issued.buyerName(), first == null ? null : first.deviceId(), first == null ? null : first.at());
    }
}
