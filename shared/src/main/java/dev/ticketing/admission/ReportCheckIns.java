package dev.ticketing.admission;

import dev.ticketing.admission.model.CheckInReport;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.tickets.items.DoorReader;
import dev.ticketing.tickets.model.Admission;
import dev.ticketing.tickets.model.IssuedTicket;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /events/{eventId}/checkin-report}: valid tickets ({@code sold}), how many of them were let in
 * ({@code admitted}), and every ticket let in twice ({@code doubleAdmissions}: both devices and times; see
 * {@link ReconcileOfflineScans}). For staff, the event's organiser and admins. One read of the event's door index
 * (eventually consistent: an admission of the last second may not count yet).
 */
@Singleton
public class ReportCheckIns {
    private final EventReader events;
    private final DoorReader door;

    public ReportCheckIns(EventReader events, DoorReader door) {
        this.events = events;
        this.door = door;
    }

    /** The report; 404 for an unknown event, 403 for a caller who is neither staff, its organiser nor an admin. */
    public CheckInReport report(Caller caller, String eventId) {
        Event event = events.get(eventId);
        DoorAccess.requireMayRead(caller, event);
        List<IssuedTicket> valid = door.tickets(event.id(), null).stream().filter(DoorListBody::valid).toList();
        List<CheckInReport.DoubleAdmission> doubles = valid.stream().filter(issued -> issued.second() != null)
                .sorted(Comparator.comparing((IssuedTicket issued) -> issued.admission().at()))
                .map(issued -> new CheckInReport.DoubleAdmission(issued.ticket().id(),
                        event.layout().nameOf(new SeatId(issued.ticket().row(), issued.ticket().column())),
                        door(issued.admission()), door(issued.second())))
                .toList();
        return new CheckInReport(valid.size(), valid.stream().filter(issued -> issued.admission() != null).count(),
                doubles);
    }

    private static CheckInReport.Door door(Admission admission) {
        return new CheckInReport.Door(admission.deviceId(), admission.at());
    }
}
