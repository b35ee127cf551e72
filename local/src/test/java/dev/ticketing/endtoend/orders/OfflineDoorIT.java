package dev.ticketing.endtoend.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The door offline, over HTTP on the local stack: a device loads the signed door list and verifies it with the key it
 * gives, two devices upload the scans they made offline and the server reconciles them (one admission, the second
 * flagged in the report), a re-upload answers the same, a refund at PayPal shows in the list's delta and answers
 * {@code revoked}, and bad uploads get a clear 4xx.
 */
class OfflineDoorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ED25519_SPKI_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");
    private final Purchases shop = new Purchases();
    private final Api api = shop.api;

    @Test
    void aDeviceLoadsTheSignedListAndTwoDevicesOfflineScansAreReconciled() throws Exception {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("alice"), "2-3", "2-4");
        List<String> codes = ticketCodes(bought);
        String staff = shop.staff();

        JsonNode manifest = verifiedList(event, staff, null);

        assertThat(manifest.get("complete").asBoolean()).isTrue();
        assertThat(manifest.get("sold").asInt()).isEqualTo(2);
        assertThat(manifest.get("tickets")).hasSize(2);
        assertThat(manifest.get("tickets").get(0).get(2).asText()).isEqualTo("Row 2, Seat 3");
        assertThat(manifest.get("tickets").get(0).get(3).asText()).isEqualTo("Ada Lovelace");
        Instant now = Instant.parse(manifest.get("generatedAt").asText());
        Instant first = now.minus(Duration.ofMinutes(8));
        Instant second = now.minus(Duration.ofMinutes(6));

        Api.Response gateA = upload(event, staff, "gate-a", scan("a-1", codes.get(0), first));
        Api.Response gateB = upload(event, staff, "gate-b", scan("b-1", codes.get(0), second), scan("b-2", codes.get(1), second));

        assertThat(gateA.status()).as(gateA.toString()).isEqualTo(200);
        assertThat(gateA.json().get("results").get(0).get("result").asText()).isEqualTo("admitted");
        assertThat(gateA.json().get("results").get(0).get("seat").asText()).isEqualTo("Row 2, Seat 3");
        JsonNode flagged = gateB.json().get("results").get(0);
        assertThat(flagged.get("result").asText()).isEqualTo("already-admitted");
        assertThat(flagged.get("firstDeviceId").asText()).isEqualTo("gate-a");
        assertThat(Instant.parse(flagged.get("firstAt").asText())).isEqualTo(first);
        assertThat(gateB.json().get("results").get(1).get("result").asText()).isEqualTo("admitted");
        JsonNode report = api.get("/events/" + event + "/checkin-report", staff).json();
        assertThat(report.get("sold").asInt()).isEqualTo(2);
        assertThat(report.get("admitted").asInt()).isEqualTo(2);
        assertThat(report.get("doubleAdmissions")).hasSize(1);
        JsonNode twice = report.get("doubleAdmissions").get(0);
        assertThat(twice.get("seat").asText()).isEqualTo("Row 2, Seat 3");
        assertThat(twice.get("first").get("deviceId").asText()).isEqualTo("gate-a");
        assertThat(twice.get("second").get("deviceId").asText()).isEqualTo("gate-b");
        assertThat(Instant.parse(twice.get("second").get("at").asText())).isEqualTo(second);

        Api.Response again = upload(event, staff, "gate-b", scan("b-1", codes.get(0), second), scan("b-2", codes.get(1), second));
        assertThat(again.json()).as("a re-upload answers the same").isEqualTo(gateB.json());
        assertThat(api.get("/events/" + event + "/checkin-report", api.admin()).json()).isEqualTo(report);
        assertThat(shop.checkIn(event, staff, codes.get(1), "online-1", "o-1").status()).as("online, it knows")
                .isEqualTo(409);
    }

    @Test
    void aRefundShowsInTheDeltaAndTheOfflineScanOfItsTicketIsRevoked() throws Exception {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("bob"), "5-1");
        String code = ticketCodes(bought).get(0);
        String staff = shop.staff();
        long version = verifiedList(event, staff, null).get("version").asLong();

        shop.payments.paypalClient().refundCapture(bought.captureId(), new BigDecimal("20.00"), "EUR",
                "dashboard-refund-" + bought.paymentId());
        shop.payments.awaitStatus(bought.paymentId(), bought.buyer(), "REFUNDED");
        JsonNode delta = verifiedList(event, staff, version);
        Instant now = Instant.parse(delta.get("generatedAt").asText());
        byte[] forged = Base64.getUrlDecoder().decode(code);
        forged[forged.length - 1] ^= 0x01;

        Api.Response results = upload(event, staff, "gate-a", scan("r-1", code, now.minusSeconds(30)),
                scan("f-1", Base64.getUrlEncoder().withoutPadding().encodeToString(forged), now.minusSeconds(20)));

        assertThat(delta.get("complete").asBoolean()).isFalse();
        assertThat(delta.get("sold").asInt()).isZero();
        assertThat(delta.get("revoked").get(0).get(0).asText()).isEqualTo(ticketIds(bought).get(0));
        assertThat(results.json().get("results").get(0).get("result").asText()).isEqualTo("revoked");
        assertThat(results.json().get("results").get(1).get("result").asText()).isEqualTo("unknown");
        assertThat(results.json().get("results").get(1).has("ticketId")).isFalse();
    }

    @Test
    void badUploadsAndCallersWhoAreNotStaffGetAClearProblem() {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("carol"), "1-1");
        String code = ticketCodes(bought).get(0);
        String staff = shop.staff();
        Instant at = Instant.now().minusSeconds(60);
        List<Map<String, Object>> tooMany = IntStream.range(0, 501).mapToObj(i -> scan("s-" + i, code, at)).toList();

        Api.Response over = api.post("/events/" + event + "/checkins/offline", staff,
                Map.of("deviceId", "gate-a", "scans", tooMany));
        assertThat(over.status()).as(over.toString()).isEqualTo(413);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.json().get("limit").asInt()).isEqualTo(500);
        Api.Response noTime = api.post("/events/" + event + "/checkins/offline", staff,
                Map.of("deviceId", "gate-a", "scans", List.of(Map.of("scanId", "x", "code", code))));
        assertThat(noTime.status()).as(noTime.toString()).isEqualTo(400);
        assertThat(noTime.json().get("detail").asText()).contains("scans[0].scannedAt");
        assertThat(upload(event, bought.buyer(), "my-phone", scan("b", code, at)).status()).isEqualTo(403);
        assertThat(api.get("/events/" + event + "/checkin-list", bought.buyer()).status()).isEqualTo(403);
        assertThat(api.get("/events/" + event + "/checkin-report", bought.buyer()).status()).isEqualTo(403);
        assertThat(api.get("/events/" + event + "/checkin-list?since=soon", staff).status()).isEqualTo(400);
        assertThat(api.get("/events/no-such-event/checkin-list", staff).status()).isEqualTo(404);
        assertThat(api.get("/events/" + event + "/checkin-report", staff).json().get("admitted").asInt())
                .as("none of that admitted anyone").isZero();
    }

    @Test
    void aBigListIsSentGzippedToAClientThatAcceptsItAndStillVerifies() throws Exception {
        String event = api.createEvent(1, 1);
        int tickets = 3_000; // about 300 KB of answer: over LargeAnswers' 256 KiB
        seedSoldTickets(event, tickets);
        String staff = shop.staff();

        HttpResponse<byte[]> zipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        api.baseUrl().resolve("/events/" + event + "/checkin-list"))
                .header("Authorization", "Bearer " + staff).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] answer = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(zipped.body().length).isLessThan(answer.length / 2);
        JsonNode manifest = verified(JSON.readTree(answer), event);
        assertThat(manifest.get("tickets")).hasSize(tickets);
        assertThat(manifest.get("sold").asInt()).isEqualTo(tickets);
        JsonNode plain = verified(api.get("/events/" + event + "/checkin-list", staff).json(), event);
        assertThat(plain.get("tickets").equals(manifest.get("tickets")))
                .as("the same tickets, as they are, to a client that does not ask for gzip").isTrue();
    }

    /** {@code count} PAID tickets of {@code event}, written straight into the table (a purchase each would be slow). */
    private static void seedSoldTickets(String event, int count) {
        LocalSystem stack = TestStack.get();
        Table table = new Table(stack.dynamoDb(), new TicketingConfig(stack.ref("Table"), Duration.ofMinutes(10), 10, 1));
        TicketItems items = new TicketItems(table);
        Instant now = Instant.now();
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int row = 1 + i / 100;
            int seat = 1 + i % 100;
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), UUID.randomUUID().toString(), event, "buyer-" + i,
                    row + "-" + seat, row, seat, TicketStatus.PAID, null, new BigDecimal("20.00"));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(items.create(ticket, "Buyer " + i, now).put().item()).build()).build());
        }
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table.name(),
                    writes.subList(from, Math.min(writes.size(), from + 25))));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> left = table.client().batchWriteItem(b -> b.requestItems(pending))
                        .unprocessedItems();
                pending.clear();
                pending.putAll(left);
            }
        }
    }

    /** The door list, after checking its signature with the public key it gives under its key id. */
    private JsonNode verifiedList(String event, String token, Long since) throws Exception {
        Api.Response answer = api.get("/events/" + event + "/checkin-list" + (since == null ? "" : "?since=" + since), token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        return verified(answer.json(), event);
    }

    /** The list of a signed answer, after checking its signature with the public key it gives under its key id. */
    private static JsonNode verified(JsonNode signed, String event) throws Exception {
        byte[] body = Base64.getUrlDecoder().decode(signed.get("manifest").asText());
        JsonNode manifest = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        assertThat(signed.get("eventId").asText()).isEqualTo(event);
        JsonNode key = null;
        for (JsonNode listed : manifest.get("keys")) {
            if (listed.get("keyId").asText().equals(signed.get("keyId").asText())) {
                key = listed;
            }
        }
        assertThat(key).as("the signing key is listed").isNotNull();
        byte[] raw = Base64.getUrlDecoder().decode(key.get("publicKey").asText());
        byte[] spki = new byte[ED25519_SPKI_HEADER.length + raw.length];
        System.arraycopy(ED25519_SPKI_HEADER, 0, spki, 0, ED25519_SPKI_HEADER.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_HEADER.length, raw.length);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(body);
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(signed.get("signature").asText()))).as("signature").isTrue();
        return manifest;
    }

    private Api.Response upload(String event, String token, String device, Map<?, ?>... scans) {
        return api.post("/events/" + event + "/checkins/offline", token, Map.of("deviceId", device, "scans", List.of(scans)));
    }

    private static Map<String, Object> scan(String scanId, String code, Instant at) {
        return Map.of("scanId", scanId, "code", code, "scannedAt", at.toString());
    }

    private List<String> ticketCodes(Purchases.Purchase bought) {
        List<String> codes = new ArrayList<>();
        sortedTickets(bought).forEach(ticket -> codes.add(ticket.get("code").asText()));
        return codes;
    }

    private List<String> ticketIds(Purchases.Purchase bought) {
        List<String> ids = new ArrayList<>();
        sortedTickets(bought).forEach(ticket -> ids.add(ticket.get("id").asText()));
        return ids;
    }

    /** The order's tickets in seat order. */
    private List<JsonNode> sortedTickets(Purchases.Purchase bought) {
        List<JsonNode> tickets = new ArrayList<>();
        shop.order(bought.orderCode(), bought.buyer()).get("tickets").forEach(tickets::add);
        tickets.sort(java.util.Comparator.comparingInt((JsonNode t) -> t.get("row").asInt())
                .thenComparingInt(t -> t.get("seat").asInt()));
        return tickets;
    }
}
