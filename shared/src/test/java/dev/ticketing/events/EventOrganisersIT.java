package dev.ticketing.events;

import static dev.ticketing.events.BlockSeatsIT.seats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.audit.ListAuditEntries;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.CancellationRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventChanges;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.identity.Caller.Role;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.testing.BoxOffice;
import dev.ticketing.testing.DataLayer;
import dev.ticketing.testing.ProviderStandIn;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Organisers own their events ({@link EventOrganisers}, issue 21 item 1) against DynamoDB Local: an event stores the
 * organiser who created it; only that organiser (any member acting for it) and platform admins run it; buyers and
 * staff create nothing; an event stored before organisers is the admins' alone.
 */
class EventOrganisersIT {
    private static final Caller OLGA = new Caller("olga", Set.of(Role.ORGANIZER), "org-1");
    private static final Caller OSCAR = new Caller("oscar", Set.of(Role.ORGANIZER), "org-1");
    private static final Caller BORIS = new Caller("boris", Set.of(Role.ORGANIZER), "org-2");
    private static final Caller ADMIN = new Caller("ada", true);

    @RegisterExtension
    final BoxOffice office = new BoxOffice(new DataLayer(UnaryOperator.identity(), new ProviderStandIn().gateways(),
            (CancellationWork) steps -> { }));
    private final CreateEvent create = office.bean(CreateEvent.class);
    private final BlockSeats blocks = office.bean(BlockSeats.class);
    private final EditEvent edits = office.bean(EditEvent.class);
    private final CancelEvent cancels = office.bean(CancelEvent.class);
    private final ListAuditEntries audit = office.bean(ListAuditEntries.class);

    @Test
    void anEventBelongsToTheOrganiserOfItsCreatorAndOnlyTheyAndAdminsRunIt() {
        Event event = create.create(OLGA, show(), null).event();

        assertThat(office.bean(EventReader.class).current(event.id()).orElseThrow().organizerId()).isEqualTo("organization#org-1");
        for (Caller outsider : List.of(BORIS, new Caller("org-1", Set.of()), new Caller("sam", Set.of(Role.STAFF), "org-1"),
                new Caller("org-1", Set.of(Role.ORGANIZER)))) {
            assertThatThrownBy(() -> blocks.block(outsider, event.id(), seats("1-1"))).as("%s", outsider)
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> edits.edit(outsider, event.id(), new EventChanges("Theirs", null, null, null)))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> audit.page(outsider, event.id(), 10, null)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> cancels.cancel(outsider, event.id(), new CancellationRequest("no")))
                    .isInstanceOf(ForbiddenException.class);
        }
        assertThat(office.seatStatuses(event, "1-1")).containsExactly(SeatStatus.AVAILABLE);
        assertThat(audit.page(OLGA, event.id(), 10, null).items()).hasSize(1);

        blocks.block(OSCAR, event.id(), seats("1-1"));
        edits.edit(OLGA, event.id(), new EventChanges("Ours", null, null, null));
        blocks.unblock(ADMIN, event.id(), seats("1-1"));

        assertThat(office.seatStatuses(event, "1-1")).containsExactly(SeatStatus.AVAILABLE);
        assertThat(audit.page(ADMIN, event.id(), 10, null).items()).hasSize(4);
        assertThat(cancels.cancel(OLGA, event.id(), new CancellationRequest("called off")).details().event().status())
                .isEqualTo(EventStatus.CANCELLED);
        assertThat(office.bean(EventReader.class).current(event.id()).orElseThrow().organizerId()).isEqualTo("organization#org-1");
    }

    @Test
    void buyersAndStaffCreateNoEventAndAnAdminsEventIsTheirOrganisersToo() {
        int before = create.page(100, null).items().size();

        for (Caller notOrganiser : List.of(new Caller("bob", false), new Caller("sam", Set.of(Role.STAFF)))) {
            assertThatThrownBy(() -> create.create(notOrganiser, show(), null)).isInstanceOf(ForbiddenException.class);
        }
        assertThat(create.page(100, null).items()).hasSize(before);

        Event byAdmin = create.create(ADMIN, show(), null).event();
        assertThat(byAdmin.organizerId()).isEqualTo("user#ada");
        assertThatThrownBy(() -> blocks.block(OLGA, byAdmin.id(), seats("1-1"))).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anEventStoredBeforeOrganisersIsRunByAdminsOnly() {
        Event old = office.newEvent(1, 3);
        assertThat(old.organizerId()).isNull();

        assertThatThrownBy(() -> blocks.block(OLGA, old.id(), seats("1-1"))).isInstanceOf(ForbiddenException.class);
        blocks.block(ADMIN, old.id(), seats("1-1"));
        assertThat(office.seatStatuses(old, "1-1")).containsExactly(SeatStatus.BLOCKED);
    }

    private static NewEvent show() {
        return new NewEvent("Organised show", "2030-01-01T20:00:00Z", 1, 3, "EUR",
                List.of(new NewEvent.Price(1, 1, "10.00")));
    }
}
