package dev.ticketing.events;

import static dev.ticketing.events.BlockSeatsIT.ORGANISER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.input.Instants;
import dev.ticketing.audit.ListAuditEntries;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.items.EventItems;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventChanges;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.store.Table;
import dev.ticketing.testing.BoxOffice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Editing an event on sale ({@link EditEvent}) against DynamoDB Local: the name, date and sales window change under
 * the rules of creation, holds and tickets stay valid, the change is in the audit trail; a change written over a
 * newer one is refused; another instance sees a change within {@link EventReader#CACHE_FOR}.
 */
class EditEventIT {
    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final EditEvent edits = office.bean(EditEvent.class);

    @Test
    void aMovedDateAndARenamedEventKeepTheirHoldsAndTheChangeIsRecorded() {
        Event event = office.newEvent(1, 3);
        Hold held = office.hold("alice", event, "1-1");
        Instant newDate = event.date().plus(Duration.ofDays(7));

        Event edited = edits.edit(ORGANISER, event.id(), new EventChanges("Jazz night (moved)", Instants.text(newDate),
                null, Instants.text(newDate.minus(Duration.ofHours(1)))));

        assertThat(edited.name()).isEqualTo("Jazz night (moved)");
        assertThat(edited.date()).isEqualTo(newDate);
        assertThat(edited.salesEnd()).isEqualTo(newDate.minus(Duration.ofHours(1)));
        assertThat(office.bean(EventReader.class).current(event.id()).orElseThrow()).isEqualTo(edited);
        assertThat(office.bean(EventReader.class).get(event.id())).as("this instance at once").isEqualTo(edited);
        assertThat(office.bean(HoldReader.class).load(held.id()).orElseThrow().hold().status()).isEqualTo(HoldStatus.ACTIVE);
        assertThat(office.hold("bob", event, "1-2").seats()).hasSize(1);
        AuditEntry entry = office.bean(ListAuditEntries.class).page(ORGANISER, event.id(), 10, null).items().get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.EDIT);
        assertThat(entry.before()).containsEntry("name", "Data layer test").containsEntry("date", Instants.text(event.date()));
        assertThat(entry.after()).containsEntry("name", "Jazz night (moved)").containsEntry("date", Instants.text(newDate))
                .containsEntry("salesEnd", Instants.text(newDate.minus(Duration.ofHours(1))));
    }

    @Test
    void changesThatBreakTheRulesOfCreationAreRefusedAndChangeNothing() {
        Event event = office.newEvent(1, 3);
        Instant past = office.now().minus(Duration.ofDays(1));

        assertThatThrownBy(() -> edits.edit(ORGANISER, event.id(), new EventChanges(null, Instants.text(past), null, null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("in the past");
        assertThatThrownBy(() -> edits.edit(ORGANISER, event.id(),
                new EventChanges(null, null, null, Instants.text(event.date().plusSeconds(1)))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("salesEnd must not be after");
        assertThatThrownBy(() -> edits.edit(ORGANISER, event.id(), new EventChanges(" ", null, null, null)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> edits.edit(ORGANISER, event.id(), new EventChanges(null, null, null, null)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> edits.edit(new Caller("alice", false), event.id(), new EventChanges("Mine", null, null, null)))
                .isInstanceOf(ForbiddenException.class);

        assertThat(office.bean(EventReader.class).current(event.id()).orElseThrow()).isEqualTo(event);
        assertThat(office.bean(ListAuditEntries.class).page(ORGANISER, event.id(), 10, null).items()).isEmpty();
    }

    @Test
    void aChangeMadeFromAnOlderReadOfTheEventIsRefused() {
        Event event = office.newEvent(1, 3);
        EventReader.Versioned first = office.bean(EventReader.class).versionedOrNotFound(event.id());
        edits.edit(ORGANISER, event.id(), new EventChanges("Second", null, null, null));
        EditEvent late = office.bean(EditEvent.class);

        assertThatThrownBy(() -> late.change(ORGANISER, first, event, office.now(), AuditAction.EDIT, "stale",
                Map.of(), Map.of())).isInstanceOfSatisfying(ConflictException.class,
                conflict -> assertThat(conflict.type()).isEqualTo("concurrent-update"));
        assertThat(office.bean(Table.class).writeAlone(new EventItems(office.bean(Table.class)).change(event, 0)))
                .isFalse();

        assertThat(office.bean(EventReader.class).current(event.id()).orElseThrow().name()).isEqualTo("Second");
        assertThat(office.bean(ListAuditEntries.class).page(ORGANISER, event.id(), 10, null).items())
                .extracting(AuditEntry::summary).hasSize(1);
    }

    @Test
    void anotherInstanceRefreshesItsCopyInTheBackgroundOnceItIsOlderThanTheCacheTime() throws InterruptedException {
        Event event = office.newEvent(1, 3);
        EventReader other = new EventReader(office.bean(Table.class), office.clock());
        assertThat(other.get(event.id()).name()).isEqualTo("Data layer test");

        edits.edit(ORGANISER, event.id(), new EventChanges("Renamed", null, null, null));

        assertThat(other.get(event.id()).name()).as("cached").isEqualTo("Data layer test");
        office.clock().advance(EventReader.CACHE_FOR);
        // served from the copy while one background read refreshes it
        Instant deadline = Instant.now().plusSeconds(10);
        while (!other.get(event.id()).name().equals("Renamed")) {
            assertThat(Instant.now()).as("refreshed by the deadline").isBefore(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void anotherInstanceReadsTheEventBeforeAnsweringOnceItsCopyIsTwiceTheCacheTimeOld() {
        Event event = office.newEvent(1, 3);
        EventReader other = new EventReader(office.bean(Table.class), office.clock());
        other.get(event.id());

        edits.edit(ORGANISER, event.id(), new EventChanges("Renamed", null, null, null));
        office.clock().advance(EventReader.CACHE_FOR.multipliedBy(2));

        assertThat(other.get(event.id()).name()).isEqualTo("Renamed");
    }

}
