package dev.ticketing.delivery.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.delivery.model.Attachment;
import dev.ticketing.delivery.model.MailMessage;
import dev.ticketing.delivery.model.OrderDocument;
import dev.ticketing.delivery.model.TicketSheet;
import dev.ticketing.testing.TicketPdfs;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confirmation mail, its tickets' PDF and its calendar entry, as a buyer and a door scanner read them. */
class ConfirmationDocumentsTest {
    private static final String CODE_1 = "A".repeat(100) + "-ticket-one-" + "z".repeat(56);
    private static final String CODE_2 = "B".repeat(100) + "-ticket-two-" + "y".repeat(56);
    private static final Instant START = Instant.parse("2027-02-14T19:30:00Z");
    private static final Instant NOW = Instant.parse("2027-01-02T10:00:00Z");

    private static OrderDocument order(String language, String name) {
        return new OrderDocument("K7Q-4M2", "event-1", "Jazz night, live", START, ZoneId.of("Europe/Rome"), name,
                language, new BigDecimal("95.00"), "EUR", List.of(
                new TicketSheet("t1", 5, 6, new BigDecimal("60.00"), CODE_1),
                new TicketSheet("t2", 5, 7, new BigDecimal("35.00"), CODE_2),
                new TicketSheet("t3", 5, 8, new BigDecimal("35.00"), null)));
    }

    @Test
    void eachTicketIsAPageWithTheEventTheLocalTimeTheSeatTheNameTheOrderAndAQrCodeOfItsCode() {
        List<TicketPdfs.Page> pages = TicketPdfs.read(TicketPdf.render(order("en", "Ada Lovelace"), null));

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).text()).contains("Jazz night, live", "Row 5, Seat 6", "Ada Lovelace", "K7Q-4M2",
                "20:30", "CET", "Ticket 1 of 3");
        assertThat(pages.get(0).qrCode()).isEqualTo(CODE_1);
        assertThat(pages.get(1).text()).contains("Row 5, Seat 7");
        assertThat(pages.get(1).qrCode()).isEqualTo(CODE_2);
        assertThat(pages.get(2).text()).as("a cancelled ticket admits nobody").contains("CANCELLED");
        assertThat(pages.get(2).qrCode()).isNull();
    }

    @Test
    void aSeatOfAVenuePlanIsPrintedAndMailedAsThePlanNamesIt() {
        OrderDocument order = new OrderDocument("K7Q-4M3", "event-2", "Tosca", START, ZoneId.of("Europe/Rome"), "Ada",
                "en", new BigDecimal("65.00"), "EUR", List.of(new TicketSheet("t1", 9, 16, new BigDecimal("65.00"),
                        CODE_1, "Stalls, row I, Seat 16")));

        assertThat(TicketPdfs.read(TicketPdf.render(order, null)).get(0).text()).contains("Stalls, row I, Seat 16")
                .doesNotContain("Row 9");
        assertThat(ConfirmationMail.of(order, "tickets@example.com", "ada@example.com", NOW).text())
                .contains("Stalls, row I, Seat 16");
    }

    @Test
    void oneTicketsPdfHasOnlyItsPage() {
        List<TicketPdfs.Page> pages = TicketPdfs.read(TicketPdf.render(order("en", "Ada"), "t2"));

        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).text()).contains("Row 5, Seat 7", "Ticket 2 of 3");
        assertThat(pages.get(0).qrCode()).isEqualTo(CODE_2);
    }

    @Test
    void anItalianOrderIsPrintedAndWrittenInItalian() {
        OrderDocument order = order("it", "Grazia Deledda");
        List<TicketPdfs.Page> pages = TicketPdfs.read(TicketPdf.render(order, null));
        MailMessage mail = ConfirmationMail.of(order, "tickets@example.com", "grazia@example.it", NOW);

        assertThat(pages.get(0).text()).contains("Fila 5, Posto 6", "Biglietto 1 di 3", "DATA E ORA", "domenica",
                "febbraio", "60,00");
        assertThat(mail.subject()).isEqualTo("I tuoi biglietti per Jazz night, live - ordine K7Q-4M2");
        assertThat(mail.text()).startsWith("Ciao Grazia Deledda,").contains("grazie per il tuo ordine K7Q-4M2",
                "Fila 5, Posto 7", "Totale pagato: 95,00");
        assertThat(mail.attachments()).extracting(Attachment::fileName)
                .containsExactly("biglietti-K7Q-4M2.pdf", "evento-K7Q-4M2.ics");
    }

    @Test
    void aNameInAnotherScriptIsPrintedAsFarAsTheFontGoesAndStillMakesAPage() {
        List<TicketPdfs.Page> pages = TicketPdfs.read(TicketPdf.render(order("en", "Zoë Łukasz 山田"), null));

        assertThat(pages.get(0).text()).contains("Zoë ?ukasz ??");
        assertThat(pages.get(0).qrCode()).isEqualTo(CODE_1);
    }

    @Test
    void theCalendarEntryStartsAtTheEventInUtcAndIsOneEventPerOrder() {
        MailMessage mail = ConfirmationMail.of(order("en", "Ada"), "tickets@example.com", "ada@example.com", NOW);
        Attachment calendar = mail.attachments().get(1);
        String ics = new String(calendar.content(), StandardCharsets.UTF_8);

        assertThat(calendar.contentType()).startsWith("text/calendar");
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        List<String> lines = Arrays.asList(ics.replace("\r\n ", "").split("\r\n"));
        assertThat(lines).contains("VERSION:2.0", "BEGIN:VEVENT", "DTSTART:20270214T193000Z",
                "DTSTAMP:20270102T100000Z", "UID:order-K7Q-4M2@ticketing", "SUMMARY:Jazz night\\, live",
                "DESCRIPTION:Order K7Q-4M2: Row 5\\, Seat 6\\; Row 5\\, Seat 7", "END:VEVENT");
        assertThat(ics.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    }

    @Test
    void theMailNamesTheOrderTheEventTheSeatsAndTheTotalAndCarriesTheOrdersMessageId() {
        MailMessage mail = ConfirmationMail.of(order("en", "Ada Lovelace"), "tickets@example.com", "ada@example.com", NOW);

        assertThat(mail.subject()).isEqualTo("Your tickets for Jazz night, live - order K7Q-4M2");
        assertThat(mail.text()).startsWith("Hello Ada Lovelace,").contains("Row 5, Seat 6 (€60.00)", "Total paid: €95.00");
        assertThat(mail.messageId()).isEqualTo("<order-K7Q-4M2@ticketing>");
        assertThat(mail.attachments().get(0).contentType()).isEqualTo("application/pdf");
    }
}
