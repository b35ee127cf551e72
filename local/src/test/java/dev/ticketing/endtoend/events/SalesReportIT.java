package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The organiser's sales report and CSV export over HTTP against the local stack (issue 21, item 6;
 * docs/organiser-operations.md#the-sales-report): the report's figures are what was sold, held, blocked, comped and
 * refunded; the export answers 303 to a short-lived link whose CSV has one line per sold ticket; another
 * organisation's organiser and a buyer get 403, an unknown event 404, each a problem, and nothing is written for them.
 */
class SalesReportIT {
    private static final HttpClient DOWNLOADS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void theReportAndTheExportShowWhatWasSoldHeldBlockedCompedAndRefunded() throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String organiser = token("olga", List.of("organizer"), org);
        String event = createEvent(organiser);
        // two tickets in row 1 (50.00) paid by Ada; two in row 2 (30.00) paid by Bob, one of which is refunded
        String ada = api.newUser("ada");
        JsonNode adaPaid = sell(ada, payments.hold(event, ada, "1-1", "1-2"), "Ada Lovelace", "ada@example.com");
        String bob = api.newUser("bob");
        String bobHold = payments.hold(event, bob, "2-1", "2-2");
        JsonNode bobPaid = sell(bob, bobHold, "=HYPERLINK(\"http://evil\")", "bob@example.com");
        JsonNode refundedTicket = payments.tickets(bob, bobHold).stream()
                .filter(ticket -> ticket.get("seatId").asText().equals("2-2")).findFirst().orElseThrow();
        Api.Response refund = api.post("/payments/" + bobPaid.get("id").asText() + "/refund", organiser,
                Map.of("ticketIds", List.of(refundedTicket.get("id").asText())));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
        // one seat held, one blocked, one comped
        payments.hold(event, api.newUser("carol"), "3-1");
        assertThat(api.post("/events/" + event + "/blocks", organiser, Map.of("seats", List.of("3-3", "3-4"))).status())
                .isEqualTo(200);
        assertThat(api.post("/events/" + event + "/comps", organiser, Map.of("seats", List.of("3-4"), "userId", "guest"))
                .status()).isEqualTo(201);

        Api.Response report = api.get("/events/" + event + "/report", organiser);

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode body = report.json();
        assertThat(body.get("eventId").asText()).isEqualTo(event);
        assertThat(body.get("currency").asText()).isEqualTo("EUR");
        // 12 seats: 1-1, 1-2, 2-1 sold; 2-2 back on sale after its refund; 3-1 held; 3-3 blocked; 3-4 a comp
        assertThat(body.get("seats").toString())
                .isEqualTo("{\"available\":6,\"held\":1,\"sold\":3,\"blocked\":1,\"comp\":1}");
        JsonNode revenue = body.get("revenue");
        assertThat(revenue.get("gross").asText()).isEqualTo("160.00");
        assertThat(revenue.get("refunded").asText()).isEqualTo("30.00");
        assertThat(revenue.get("net").asText()).isEqualTo("130.00");
        assertThat(revenue.get("byProvider").toString())
                .isEqualTo("{\"PAYPAL\":{\"gross\":\"160.00\",\"refunded\":\"30.00\",\"net\":\"130.00\"}}");
        assertThat(revenue.get("byCategory")).hasSize(2);
        assertThat(revenue.get("byCategory").get(0).toString())
                .isEqualTo("{\"fromRow\":1,\"toRow\":1,\"price\":\"50.00\",\"tickets\":2,\"amount\":\"100.00\"}");
        assertThat(revenue.get("byCategory").get(1).toString())
                .isEqualTo("{\"fromRow\":2,\"toRow\":3,\"price\":\"30.00\",\"tickets\":1,\"amount\":\"30.00\"}");
        assertThat(body.get("salesPerDay")).singleElement().satisfies(day -> {
            assertThat(day.get("tickets").asInt()).isEqualTo(3);
            assertThat(day.get("amount").asText()).isEqualTo("130.00");
        });

        Api.Response export = api.get("/events/" + event + "/orders.csv", organiser);

        assertThat(export.status()).as(export.toString()).isEqualTo(303);
        HttpResponse<String> csv = download(export);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase(
                "text/csv;charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow().replace(" ", "")).isEqualTo(
                "attachment;filename=\"orders-" + event + ".csv\"");
        List<CSVRecord> lines = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(csv.body()).startsWith("order,buyer_name,buyer_email,seat,row,column,price,currency,provider,status,"
                + "ticket,sold_at,ordered_at\r\n");
        assertThat(lines).extracting(line -> line.get("seat") + " " + line.get("price") + " " + line.get("provider")
                + " " + line.get("status")).containsExactly("1-1 50.00 PAYPAL SUCCESS", "1-2 50.00 PAYPAL SUCCESS",
                "2-1 30.00 PAYPAL SUCCESS", "3-4 0  COMP");
        CSVRecord first = lines.get(0);
        assertThat(first.get("order")).isEqualTo(adaPaid.get("orderCode").asText());
        assertThat(first.get("buyer_name")).isEqualTo("Ada Lovelace");
        assertThat(first.get("buyer_email")).isEqualTo("ada@example.com");
        assertThat(first.get("currency")).isEqualTo("EUR");
        assertThat(first.get("sold_at")).isNotEmpty();
        assertThat(lines.get(2).get("buyer_name")).as("a formula is neutralised")
                .isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(lines.get(2).get("order")).isEqualTo(bobPaid.get("orderCode").asText());

        Api.Response byAdmin = api.get("/events/" + event + "/report", api.admin());
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(byAdmin.json()).isEqualTo(body);
    }

    @Test
    void anotherOrganiserABuyerAndAnUnknownEventAreRefusedWithAProblem() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String event = createEvent(token("olga", List.of("organizer"), org));
        String boris = token("boris", List.of("organizer"), "other-" + org);
        String buyer = api.newUser("buyer");

        for (String path : List.of("/report", "/orders.csv")) {
            for (String outsider : List.of(boris, buyer)) {
                assertProblem(api.get("/events/" + event + path, outsider), 403);
            }
            assertProblem(api.get("/events/no-such-event" + path, api.admin()), 404);
            assertProblem(api.get("/events/%2e%2e" + path, api.admin()), 404);
            assertThat(api.get("/events/" + event + path, null).status()).isEqualTo(401);
        }
    }

    @Test
    void anEventWithNothingSoldExportsTheHeaderAlone() throws Exception {
        String event = api.createEvent(1, 2);

        Api.Response export = api.get("/events/" + event + "/orders.csv", api.admin());

        assertThat(export.status()).as(export.toString()).isEqualTo(303);
        HttpResponse<String> csv = download(export);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines()).singleElement().asString().startsWith("order,buyer_name,");
        assertThat(api.get("/events/" + event + "/report", api.admin()).json().get("seats").toString())
                .isEqualTo("{\"available\":2,\"held\":0,\"sold\":0,\"blocked\":0,\"comp\":0}");
    }

    /** Rows 1 at 50.00, rows 2-3 at 30.00, four columns, owned by the organiser's organisation. */
    private String createEvent(String organiser) {
        Api.Response created = api.post("/events", organiser, Map.of("name", "Reported show",
                "date", "2027-03-01T20:00:00Z", "rows", 3, "columns", 4, "currency", "EUR", "prices", List.of(
                        Map.of("fromRow", 1, "toRow", 1, "price", "50.00"),
                        Map.of("fromRow", 2, "toRow", 3, "price", "30.00"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** The hold paid with PayPal by a buyer of this name and e-mail; the payment once SUCCESS. */
    private JsonNode sell(String token, String holdId, String name, String email) {
        Api.Response started = api.post("/holds/" + holdId + "/payments", token,
                Map.of("provider", "PAYPAL", "buyer", Map.of("name", name, "email", email)));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        payments.approveAtPayPal(started.json().get("providerOrderId").asText());
        return payments.awaitStatus(started.json().get("id").asText(), token, "SUCCESS");
    }

    /** Follows the export's 303 as a browser would: a plain GET of the link, no token. */
    private static HttpResponse<String> download(Api.Response export) throws IOException, InterruptedException {
        URI link = URI.create(export.headers().firstValue("Location").orElseThrow());
        return DOWNLOADS.send(HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token(String name, List<String> groups, String organizerId) {
        Map<String, Object> body = new HashMap<>(Map.of("userId", name + "-" + UUID.randomUUID().toString().substring(0, 8),
                "groups", groups));
        body.put("organizerId", organizerId);
        Api.Response token = api.post("/dev/token", null, body);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().get("token").asText();
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
