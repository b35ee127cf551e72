package dev.ticketing.api.admission;

import dev.ticketing.admission.CheckIn;
import dev.ticketing.admission.model.Admitted;
import dev.ticketing.admission.model.CheckInRequest;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Check-in at the door: staff scan a ticket's code. */
@Controller
public class CheckInController {
    private static final Logger LOG = LoggerFactory.getLogger(CheckInController.class);

    private final CheckIn checkIn;

    public CheckInController(CheckIn checkIn) {
        this.checkIn = checkIn;
    }

    @Post("/events/{eventId}/checkins")
    public Admitted checkIn(Caller caller, String eventId, @Body @Nullable CheckInRequest body) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        Admitted admitted = checkIn.admit(caller, eventId,
                body == null ? new CheckInRequest(null, null, null) : body);
        LOG.info("ticket {} admitted on device {}", admitted.ticketId(), admitted.deviceId());
        return admitted;
    }
}
