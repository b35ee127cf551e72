package dev.ticketing.endtoend.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.mail.MailboxHandler;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.testing.TestClock;
import dev.ticketing.testing.TicketPdfs;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order confirmation, end to end on the local stack: a purchase's mail read back from the local SMTP server,
 * its PDF parsed and its QR codes decoded back to codes that check in at the door, the calendar entry, the mail in
 * the order's language, the same PDF from the API, and a mail service that is down failing no sale.
 */
class DeliveryIT {
    private static final Duration MAIL_DEADLINE = Duration.ofSeconds(30);
    private final Purchases shop = new Purchases();
    private final Api api = shop.api;

    @Test
    void theBuyerGetsAMailWhosePdfTicketsCheckInAndWhoseCalendarEntryStartsAtTheEventInUtc() throws Exception {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("ada"), "2-3", "2-4");

        MimeMessage mail = awaitMail(TestStack.get(), bought.orderCode());

        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).contains("ada@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your tickets for Test show - order " + bought.orderCode());
        List<Part> attachments = MailboxHandler.attachments(mail);
        assertThat(attachments).extracting(Part::getFileName)
                .containsExactly("tickets-" + bought.orderCode() + ".pdf", "event-" + bought.orderCode() + ".ics");
        List<TicketPdfs.Page> pages = TicketPdfs.read(bytes(attachments.get(0)));
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).text()).contains("Test show", "Row 2, Seat 3", "Ada Lovelace", bought.orderCode());
        assertThat(pages.get(1).text()).contains("Row 2, Seat 4");
        String staff = shop.staff();
        for (TicketPdfs.Page page : pages) {
            assertThat(page.qrCode()).as("the QR code of each page").isNotNull();
            Api.Response admitted = shop.checkIn(event, staff, page.qrCode(), "gate-1", "scan-" + page.qrCode().hashCode());
            assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
            assertThat(admitted.json().get("orderCode").asText()).isEqualTo(bought.orderCode());
        }
        String ics = new String(bytes(attachments.get(1)), StandardCharsets.UTF_8);
        assertThat(ics.replace("\r\n ", "").split("\r\n")).contains("BEGIN:VEVENT", "DTSTART:20270301T200000Z",
                "SUMMARY:Test show", "UID:order-" + bought.orderCode() + "@ticketing");
    }

    @Test
    void theMailboxListsTheMailWithItsTextAndAttachmentsAndThePageShowsIt() {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("ada"), "3-3");
        awaitMail(TestStack.get(), bought.orderCode());

        Api.Response mailbox = api.get("/dev/mailbox", null);

        assertThat(mailbox.status()).isEqualTo(200);
        JsonNode mail = StreamSupport.stream(mailbox.json().get("mails").spliterator(), false)
                .filter(listed -> listed.get("subject").asText().endsWith(bought.orderCode())).findFirst().orElseThrow();
        assertThat(mail.get("to").get(0).asText()).contains("ada@example.com");
        assertThat(mail.get("text").asText()).contains("Hello Ada Lovelace,", bought.orderCode(), "Row 3, Seat 3");
        assertThat(mail.get("attachments").findValuesAsText("name"))
                .containsExactly("tickets-" + bought.orderCode() + ".pdf", "event-" + bought.orderCode() + ".ics");
        Api.Download pdf = api.download(mail.get("attachments").get(0).get("url").asText(), null);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(TicketPdfs.read(pdf.body())).hasSize(1);
        assertThat(api.get("/web/mailbox.html", null).body()).contains("Local mailbox");
    }

    /** An event with a time zone of its own (PATCH or POST {@code timeZone}) is printed and mailed in it, not the stack's. */
    @Test
    void anEventInNewYorkIsMailedAndPrintedInNewYorkTimeAndItsCalendarEntryStaysInUtc() throws Exception {
        String event = api.createEvent(5, 8, Map.of("timeZone", "America/New_York"));
        Purchases.Purchase bought = shop.buy(event, api.newUser("ada"), "1-1");

        MimeMessage mail = awaitMail(TestStack.get(), bought.orderCode());

        // 2027-03-01T20:00:00Z: 15:00 in New York (GMT-05:00), 21:00 in the stack's EVENT_TIME_ZONE (Europe/Rome)
        String text = String.valueOf(((jakarta.mail.Multipart) mail.getContent()).getBodyPart(0).getContent());
        assertThat(text).contains("1 March 2027, 15:00 GMT-05:00").doesNotContain("21:00");
        List<Part> attachments = MailboxHandler.attachments(mail);
        assertThat(TicketPdfs.read(bytes(attachments.get(0))).get(0).text()).contains("15:00").doesNotContain("21:00");
        String ics = new String(bytes(attachments.get(1)), StandardCharsets.UTF_8);
        assertThat(ics.replace("\r\n ", "").split("\r\n")).contains("DTSTART:20270301T200000Z");
    }

    @Test
    void anOrderInItalianGetsItsMailAndPdfInItalianFromTheBuyersChoiceOrTheBrowsersLanguage() throws Exception {
        String event = api.createEvent(5, 8);
        Purchases.Purchase chosen = shop.buy(event, api.newUser("grazia"),
                Map.of("name", "Grazia Deledda", "email", "grazia@example.it", "language", "it"),
                Map.of("Accept-Language", "en-GB,en;q=0.9"), "1-1");
        Purchases.Purchase browser = shop.buy(event, api.newUser("italo"),
                Map.of("name", "Italo Svevo", "email", "italo@example.it"),
                Map.of("Accept-Language", "it-IT,it;q=0.9,en;q=0.8"), "1-2");

        MimeMessage mail = awaitMail(TestStack.get(), chosen.orderCode());
        assertThat(mail.getSubject()).isEqualTo("I tuoi biglietti per Test show - ordine " + chosen.orderCode());
        assertThat(String.valueOf(((jakarta.mail.Multipart) mail.getContent()).getBodyPart(0).getContent()))
                .startsWith("Ciao Grazia Deledda,").contains("Fila 1, Posto 1");
        List<Part> attachments = MailboxHandler.attachments(mail);
        assertThat(attachments.get(0).getFileName()).isEqualTo("biglietti-" + chosen.orderCode() + ".pdf");
        assertThat(TicketPdfs.read(bytes(attachments.get(0))).get(0).text()).contains("Fila 1, Posto 1", "Biglietto 1 di 1");
        assertThat(awaitMail(TestStack.get(), browser.orderCode()).getSubject()).startsWith("I tuoi biglietti per");
        assertThat(shop.order(chosen.orderCode(), chosen.buyer()).get("buyer").get("language").asText()).isEqualTo("it");
    }

    @Test
    void theBuyerTheOrganiserAndAdminsDownloadTheOrdersPdfAndTheBuyerEachTicketsOthersFindNothing() {
        String event = api.createEvent(5, 8);
        String buyer = api.newUser("ada");
        Purchases.Purchase bought = shop.buy(event, buyer, "4-1", "4-2");
        JsonNode order = shop.order(bought.orderCode(), buyer);
        String ticketId = order.get("tickets").get(1).get("id").asText();

        Api.Download whole = api.download("/orders/" + bought.orderCode() + ".pdf", buyer);
        Api.Download one = api.download("/tickets/" + ticketId + ".pdf", buyer);

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.contentType()).isEqualTo("application/pdf");
        List<TicketPdfs.Page> pages = TicketPdfs.read(whole.body());
        assertThat(pages).hasSize(2);
        assertThat(pages).extracting(TicketPdfs.Page::qrCode).containsExactly(
                order.get("tickets").get(0).get("code").asText(), order.get("tickets").get(1).get("code").asText());
        assertThat(one.status()).isEqualTo(200);
        List<TicketPdfs.Page> single = TicketPdfs.read(one.body());
        assertThat(single).hasSize(1);
        assertThat(single.get(0).text()).contains("Row 4, Seat 2");
        assertThat(api.download("/orders/" + bought.orderCode() + ".pdf", api.admin()).status()).isEqualTo(200);
        String stranger = api.newUser("eve");
        assertThat(api.download("/orders/" + bought.orderCode() + ".pdf", stranger).status()).isEqualTo(404);
        assertThat(api.download("/tickets/" + ticketId + ".pdf", stranger).status()).isEqualTo(404);
        assertThat(api.download("/tickets/" + ticketId, buyer).status()).isEqualTo(404);
        assertThat(api.download("/orders/" + bought.orderCode() + ".pdf", null).status()).isEqualTo(401);
    }

    @Test
    void aMailServerThatIsDownFailsNoSaleAndTheMailArrivesOnceWhenItIsBack() throws Exception {
        try (LocalSystem stack = TestStack.startOwn(new TestClock())) {
            Purchases own = new Purchases(new PaymentsApi(new Api(stack), stack));
            String event = own.api.createEvent(5, 8);
            stack.mail().stop();

            Purchases.Purchase bought = own.buy(event, own.api.newUser("ada"), "1-1");

            // sold: the payment SUCCEEDED and the order is there, while sending keeps failing
            assertThat(own.order(bought.orderCode(), bought.buyer()).get("status").asText()).isEqualTo("PAID");
            await().atMost(MAIL_DEADLINE).until(() -> orderItem(stack, bought.orderCode())
                    .map(item -> item.containsKey("mail_error") && !item.containsKey("mail_sent_at")).orElse(false));
            assertThat(mailsOf(stack, bought.orderCode())).isEmpty();

            stack.mail().start();

            MimeMessage mail = awaitMail(stack, bought.orderCode());
            assertThat(mail.getSubject()).endsWith(bought.orderCode());
            await().atMost(MAIL_DEADLINE).until(() -> orderItem(stack, bought.orderCode())
                    .map(item -> item.containsKey("mail_sent_at")).orElse(false));
            // the queue is drained, the order recorded as mailed: nothing more comes
            await().atMost(MAIL_DEADLINE).until(() -> queueEmpty(stack));
            assertThat(mailsOf(stack, bought.orderCode())).hasSize(1);
            Map<String, AttributeValue> item = orderItem(stack, bought.orderCode()).orElseThrow();
            assertThat(Integer.parseInt(item.get("mail_attempts").n())).isGreaterThan(1);
            assertThat(item).doesNotContainKeys("mail_claim", "reconcile_shard");
        }
    }

    @Test
    void aMailWhoseQueueingWasLostIsSentByTheOutboxReDriveOnceItIsDue() throws Exception {
        TestClock clock = new TestClock();
        try (LocalSystem stack = TestStack.startOwn(clock)) {
            PaymentsApi payments = new PaymentsApi(new Api(stack), stack);
            Purchases own = new Purchases(payments);
            Purchases.Purchase bought = own.buy(own.api.createEvent(5, 8), own.api.newUser("ada"), "1-1");
            awaitMail(stack, bought.orderCode());
            // what a crash between the sale's commit and its queueing leaves: the order in the outbox, never sent
            // (the state the sale's own transaction writes), and no message
            long dueAt = clock.millis() + Duration.ofMinutes(15).toMillis();
            stack.dynamoDb().updateItem(b -> b.tableName(stack.ref("Table")).key(orderKey(bought.orderCode()))
                    .updateExpression("SET reconcile_shard = :shard, reconcile_at = :due REMOVE mail_sent_at, mail_message_id")
                    .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS("MAIL#0"),
                            ":due", AttributeValue.fromN(Long.toString(dueAt)))));

            payments.reconcile();
            assertThat(mailsOf(stack, bought.orderCode())).as("not due yet").hasSize(1);

            clock.advance(Duration.ofMinutes(16));
            payments.reconcile();

            await().atMost(MAIL_DEADLINE).until(() -> mailsOf(stack, bought.orderCode()).size() == 2);
            await().atMost(MAIL_DEADLINE).until(() -> orderItem(stack, bought.orderCode())
                    .map(item -> item.containsKey("mail_sent_at") && !item.containsKey("reconcile_shard")).orElse(false));
            payments.reconcile();
            await().atMost(MAIL_DEADLINE).until(() -> queueEmpty(stack));
            assertThat(mailsOf(stack, bought.orderCode())).as("re-driven once").hasSize(2);
        }
    }

    private static Map<String, AttributeValue> orderKey(String code) {
        return Map.of("pk", AttributeValue.fromS("ORDER#" + code), "sk", AttributeValue.fromS("META"));
    }

    private static MimeMessage awaitMail(LocalSystem stack, String orderCode) {
        return await().atMost(MAIL_DEADLINE).until(() -> mailsOf(stack, orderCode), mails -> !mails.isEmpty()).get(0);
    }

    private static List<MimeMessage> mailsOf(LocalSystem stack, String orderCode) {
        return stack.mail().messages().stream().filter(mail -> {
            try {
                return mail.getSubject() != null && mail.getSubject().endsWith(orderCode);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static Optional<Map<String, AttributeValue>> orderItem(LocalSystem stack, String code) {
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.ref("Table")).consistentRead(true)
                .key(orderKey(code))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static boolean queueEmpty(LocalSystem stack) {
        Map<String, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(stack.ref("OrderMailQueue"))
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private static byte[] bytes(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
