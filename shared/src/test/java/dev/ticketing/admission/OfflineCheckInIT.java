package dev.ticketing.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.admission.model.CheckInReport;
import dev.ticketing.admission.model.CheckInRequest;
import dev.ticketing.admission.model.OfflineResults;
import dev.ticketing.admission.model.OfflineScan;
import dev.ticketing.admission.model.OfflineUpload;
import dev.ticketing.admission.model.ScanResult;
import dev.ticketing.admission.model.SignedDoorList;
import dev.ticketing.events.model.Event;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.identity.Caller;
import dev.ticketing.input.Instants;
import dev.ticketing.orders.ReadOrders;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.orders.model.Order;
import dev.ticketing.orders.model.OrderTicket;
import dev.ticketing.payments.PaymentWrites;
import dev.ticketing.payments.SellHold;
import dev.ticketing.payments.StartPayment;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.RequestTooLargeException;
import dev.ticketing.testing.BoxOffice;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The door offline, against DynamoDB Local: the signed door list (whole and a delta) verifies with the public key it
 * gives, offline scans of two devices are reconciled first scan wins and a ticket let in twice is flagged (also when
 * the devices upload at the same moment, on real threads), a re-upload answers the same, a refunded ticket is revoked
 * in the list and at the door, a forged code is unknown, and a bad upload changes nothing.
 */
class OfflineCheckInIT {
    private static final Caller DOOR = new Caller("door-1", Set.of(Caller.Role.STAFF));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** X.509 SubjectPublicKeyInfo of an Ed25519 key, less the key's own 32 bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");

    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final ListDoorTickets list = office.bean(ListDoorTickets.class);
    private final ReconcileOfflineScans offline = office.bean(ReconcileOfflineScans.class);
    private final ReportCheckIns report = office.bean(ReportCheckIns.class);
    private final PaymentReader payments = office.bean(PaymentReader.class);

    @Test
    void theDoorListIsSignedByTheEventsKeyAndListsEachValidTicketWithSeatAndName() throws Exception {
        Sold sold = sell("ana", "Ana Rossi", "1-2", "2-3");

        Instant before = office.now();
        SignedDoorList signed = list.list(DOOR, sold.event.id(), null);
        Instant after = office.now();
        JsonNode manifest = verified(signed);

        assertThat(signed.eventId()).isEqualTo(sold.event.id());
        assertThat(manifest.get("eventId").asText()).isEqualTo(sold.event.id());
        assertThat(manifest.get("complete").asBoolean()).isTrue();
        assertThat(manifest.get("since").isNull()).isTrue();
        assertThat(manifest.get("sold").asLong()).isEqualTo(2);
        assertThat(manifest.get("version").asLong()).isBetween(before.toEpochMilli(), after.toEpochMilli());
        assertThat(Instants.parse(manifest.get("generatedAt").asText()).toEpochMilli())
                .isEqualTo(manifest.get("version").asLong());
        assertThat(manifest.get("tickets")).hasSize(2);
        JsonNode first = manifest.get("tickets").get(0);
        assertThat(first.get(0).asText()).as("the id the code carries").isEqualTo(sold.ticketId(0));
        assertThat(first.get(1).asInt()).isEqualTo(1);
        assertThat(first.get(2).asText()).isEqualTo("Row 1, Seat 2");
        assertThat(first.get(3).asText()).isEqualTo("Ana Rossi");
        assertThat(manifest.get("revoked")).isEmpty();
        assertThat(manifest.get("admitted")).isEmpty();
        assertThat(verifiesWithListedKey(manifest, sold.code(0))).as("a code verifies with the list's public key").isTrue();

        byte[] tampered = Base64.getUrlDecoder().decode(signed.manifest());
        tampered[tampered.length - 2] ^= 1;
        assertThat(signatureValid(manifest, signed.keyId(), tampered, signed.signature())).isFalse();
    }

    @Test
    void aDeltaSinceAVersionCarriesTheAdmissionsAndRevocationsMadeSince() throws Exception {
        Sold kept = sell("ben", "Ben Bianchi", "1-1");
        Sold refunded = sell(kept.event, "cleo", "Cleo Conti", "1-3");
        long version = verified(list.list(DOOR, kept.event.id(), null)).get("version").asLong();
        Event event = kept.event;
        office.clock().advance(Duration.ofMinutes(5));
        office.bean(CheckIn.class).admit(DOOR, event.id(), new CheckInRequest(kept.code(0), "gate-1", "s1"));
        refund(refunded);

        JsonNode delta = verified(list.list(DOOR, event.id(), Long.toString(version)));

        assertThat(delta.get("complete").asBoolean()).isFalse();
        assertThat(delta.get("since").asLong()).isEqualTo(version);
        assertThat(delta.get("version").asLong()).isGreaterThan(version);
        assertThat(delta.get("sold").asLong()).isEqualTo(1);
        assertThat(delta.get("revoked")).hasSize(1);
        assertThat(delta.get("revoked").get(0).get(0).asText()).isEqualTo(refunded.ticketId(0));
        assertThat(delta.get("revoked").get(0).get(1).asInt()).as("the code version now").isEqualTo(2);
        assertThat(delta.get("admitted")).hasSize(1);
        assertThat(delta.get("admitted").get(0).get(0).asText()).isEqualTo(kept.ticketId(0));
        assertThat(delta.get("admitted").get(0).get(1).asText()).isEqualTo("gate-1");

        JsonNode nothingNew = verified(list.list(DOOR, event.id(), delta.get("version").asText()));
        assertThat(nothingNew.get("tickets")).as("a change is repeated while within the overlap").hasSize(1);
        office.clock().advance(ListDoorTickets.OVERLAP.plusSeconds(1));
        String current = verified(list.list(DOOR, event.id(), delta.get("version").asText())).get("version").asText();
        JsonNode later = verified(list.list(DOOR, event.id(), current));
        assertThat(later.get("tickets")).isEmpty();
        assertThat(later.get("revoked")).isEmpty();
        assertThat(later.get("sold").asLong()).isEqualTo(1);
    }

    @Test
    void twoDevicesOfflineOnOneTicketAdmitOnceAndTheSecondIsFlaggedWithBothDevicesAndTimes() {
        Sold sold = sell("dora", "Dora Greco", "1-1", "1-2");
        Instant earlier = office.now().minus(Duration.ofMinutes(20));
        Instant later = earlier.plus(Duration.ofMinutes(3));

        OfflineResults gateA = offline.upload(DOOR, sold.event.id(), upload("gate-a", scan("a1", sold.code(0), earlier)));
        OfflineResults gateB = offline.upload(DOOR, sold.event.id(), upload("gate-b", scan("b1", sold.code(0), later),
                scan("b2", sold.code(1), later)));

        assertThat(gateA.results().get(0).result()).isEqualTo(ScanResult.ADMITTED);
        assertThat(gateA.results().get(0).seat()).isEqualTo("Row 1, Seat 1");
        assertThat(gateA.results().get(0).name()).isEqualTo("Dora Greco");
        ScanResult second = gateB.results().get(0);
        assertThat(second.result()).isEqualTo(ScanResult.ALREADY_ADMITTED);
        assertThat(second.firstDeviceId()).isEqualTo("gate-a");
        assertThat(second.firstAt()).isEqualTo(earlier);
        assertThat(gateB.results().get(1).result()).isEqualTo(ScanResult.ADMITTED);
        CheckInReport door = report.report(DOOR, sold.event.id());
        assertThat(door.sold()).isEqualTo(2);
        assertThat(door.admitted()).isEqualTo(2);
        assertThat(door.doubleAdmissions()).singleElement().satisfies(flagged -> {
            assertThat(flagged.ticketId()).isEqualTo(sold.ticketId(0));
            assertThat(flagged.seat()).isEqualTo("Row 1, Seat 1");
            assertThat(flagged.first()).isEqualTo(new CheckInReport.Door("gate-a", earlier));
            assertThat(flagged.second()).isEqualTo(new CheckInReport.Door("gate-b", later));
        });

        assertThat(offline.upload(DOOR, sold.event.id(), upload("gate-b", scan("b1", sold.code(0), later),
                scan("b2", sold.code(1), later)))).as("a re-upload answers the same").isEqualTo(gateB);
        assertThat(report.report(DOOR, sold.event.id())).as("and changes nothing").isEqualTo(door);
    }

    @Test
    void theEarliestScanWinsWhateverOrderTheyAreUploadedInAlsoAgainstAnOnlineCheckIn() {
        Sold sold = sell("emma", "Emma Gallo", "2-1");
        Instant online = office.bean(CheckIn.class).admit(DOOR, sold.event.id(),
                new CheckInRequest(sold.code(0), "online-1", "o1")).admittedAt();
        Instant offlineAt = online.minus(Duration.ofMinutes(1));

        OfflineResults late = offline.upload(DOOR, sold.event.id(), upload("gate-c", scan("c1", sold.code(0), offlineAt)));

        assertThat(late.results().get(0).result()).as("scanned before the online check-in").isEqualTo(ScanResult.ADMITTED);
        assertThat(report.report(DOOR, sold.event.id()).doubleAdmissions()).singleElement().satisfies(flagged -> {
            assertThat(flagged.first()).isEqualTo(new CheckInReport.Door("gate-c", offlineAt));
            assertThat(flagged.second()).isEqualTo(new CheckInReport.Door("online-1", online));
        });
        JsonNode manifest = verified(list.list(DOOR, sold.event.id(), null));
        assertThat(manifest.get("admitted").get(0).get(1).asText()).isEqualTo("gate-c");
    }

    @Test
    void devicesUploadingTheSameTicketsAtOnceAdmitEachOnceWithTheEarliestScanFirst() throws Exception {
        String[] seats = IntStream.rangeClosed(1, 4).mapToObj(seat -> "3-" + seat).toArray(String[]::new);
        Sold sold = sell("finn", "Finn Costa", seats);
        int devices = 6;
        Instant base = office.now().minus(Duration.ofMinutes(30));
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<OfflineResults>> uploads = new ArrayList<>();
            for (int device = 0; device < devices; device++) {
                int d = device;
                List<OfflineScan> scans = IntStream.range(0, seats.length)
                        .mapToObj(t -> scan("d" + d + "-t" + t, sold.code(t), base.plusSeconds(d))).toList();
                uploads.add(pool.submit(() -> {
                    go.await();
                    return offline.upload(DOOR, sold.event.id(), new OfflineUpload("gate-" + d, scans));
                }));
            }
            go.countDown();
            for (Future<OfflineResults> upload : uploads) {
                assertThat(upload.get().results()).extracting(ScanResult::result)
                        .allMatch(result -> result.equals(ScanResult.ADMITTED) || result.equals(ScanResult.ALREADY_ADMITTED));
            }
        } finally {
            pool.shutdownNow();
        }

        CheckInReport door = report.report(DOOR, sold.event.id());
        assertThat(door.admitted()).isEqualTo(seats.length);
        assertThat(door.doubleAdmissions()).hasSize(seats.length).allSatisfy(flagged -> {
            assertThat(flagged.first()).as("the earliest scan").isEqualTo(new CheckInReport.Door("gate-0", base));
            assertThat(flagged.second()).as("the next earliest").isEqualTo(new CheckInReport.Door("gate-1", base.plusSeconds(1)));
        });
    }

    @Test
    void aRefundedTicketIsRevokedInTheListAndItsOfflineScanAnswersRevoked() {
        Sold sold = sell("gina", "Gina Marino", "1-4");
        refund(sold);

        JsonNode manifest = verified(list.list(DOOR, sold.event.id(), null));
        OfflineResults results = offline.upload(DOOR, sold.event.id(),
                upload("gate-a", scan("r1", sold.code(0), office.now().minusSeconds(30))));

        assertThat(manifest.get("tickets")).isEmpty();
        assertThat(manifest.get("sold").asLong()).isZero();
        assertThat(manifest.get("revoked").get(0).get(0).asText()).isEqualTo(sold.ticketId(0));
        assertThat(results.results().get(0).result()).isEqualTo(ScanResult.REVOKED);
        assertThat(results.results().get(0).ticketId()).isEqualTo(sold.ticketId(0));
        assertThat(report.report(DOOR, sold.event.id()).admitted()).isZero();
    }

    @Test
    void aForgedCodeIsUnknownAndAnotherEventsCodeIsTheWrongEvent() {
        Sold sold = sell("hugo", "Hugo Ricci", "1-1");
        Event elsewhere = office.newEvent(1, 2);
        byte[] bytes = Base64.getUrlDecoder().decode(sold.code(0));
        bytes[bytes.length - 1] ^= 0x01;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant at = office.now().minusSeconds(10);

        OfflineResults results = offline.upload(DOOR, sold.event.id(), upload("gate-a", scan("f1", forged, at),
                scan("f2", "K7Q-4M2", at)));
        OfflineResults wrongDoor = offline.upload(DOOR, elsewhere.id(), upload("gate-a", scan("w1", sold.code(0), at)));

        assertThat(results.results()).extracting(ScanResult::result).containsExactly(ScanResult.UNKNOWN, ScanResult.UNKNOWN);
        assertThat(results.results().get(0).ticketId()).isNull();
        assertThat(wrongDoor.results().get(0).result()).isEqualTo(ScanResult.WRONG_EVENT);
        assertThat(report.report(DOOR, sold.event.id()).admitted()).as("nothing let in").isZero();
    }

    @Test
    void aBadUploadIsRefusedWholeAndChangesNothing() {
        Sold sold = sell("ivo", "Ivo Bruno", "1-1");
        Instant at = office.now().minusSeconds(10);
        String event = sold.event.id();
        List<OfflineScan> tooMany = IntStream.range(0, OfflineUpload.MAX_SCANS + 1)
                .mapToObj(i -> scan("s" + i, sold.code(0), at)).toList();

        assertThatThrownBy(() -> offline.upload(DOOR, event, new OfflineUpload("gate-a", tooMany)))
                .isInstanceOfSatisfying(RequestTooLargeException.class, problem -> assertThat(problem.status()).isEqualTo(413));
        assertThatThrownBy(() -> offline.upload(DOOR, event, upload("gate-a", scan("x", sold.code(0), at),
                scan("x", sold.code(0), at)))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> offline.upload(DOOR, event, upload("gate-a", scan("ok", sold.code(0), at),
                scan("future", sold.code(0), office.now().plus(Duration.ofHours(1))))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("scans[1].scannedAt");
        assertThatThrownBy(() -> offline.upload(DOOR, event, new OfflineUpload(null, List.of())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("deviceId");
        assertThatThrownBy(() -> offline.upload(new Caller("ivo", false), event, upload("gate-a", scan("b", sold.code(0), at))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> list.list(new Caller("ivo", false), event, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> list.list(DOOR, event, "yesterday")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> list.list(DOOR, event, "-1")).isInstanceOf(InvalidRequestException.class);

        assertThat(report.report(DOOR, event).admitted()).isZero();
        assertThat(report.report(new Caller("root", true), event).sold()).as("admins read the report").isEqualTo(1);
    }

    // --- helpers

    /** The list's body, after checking its signature with the public key it gives under its key id. */
    private static JsonNode verified(SignedDoorList signed) {
        try {
            byte[] body = Base64.getUrlDecoder().decode(signed.manifest());
            JsonNode manifest = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            assertThat(signatureValid(manifest, signed.keyId(), body, signed.signature())).as("signature").isTrue();
            return manifest;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean signatureValid(JsonNode manifest, String keyId, byte[] body, String signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey(manifest, keyId));
        verifier.update(body);
        return verifier.verify(Base64.getUrlDecoder().decode(signature));
    }

    private static boolean verifiesWithListedKey(JsonNode manifest, String code) throws Exception {
        byte[] bytes = Base64.getUrlDecoder().decode(code);
        int keyIdLength = bytes[1];
        String keyId = new String(bytes, 2, keyIdLength, StandardCharsets.US_ASCII);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey(manifest, keyId));
        verifier.update(bytes, 0, bytes.length - 64);
        return verifier.verify(bytes, bytes.length - 64, 64);
    }

    private static PublicKey publicKey(JsonNode manifest, String keyId) throws Exception {
        for (JsonNode key : manifest.get("keys")) {
            if (key.get("keyId").asText().equals(keyId)) {
                byte[] raw = Base64.getUrlDecoder().decode(key.get("publicKey").asText());
                assertThat(raw).hasSize(32);
                byte[] spki = new byte[ED25519_SPKI_HEADER.length + raw.length];
                System.arraycopy(ED25519_SPKI_HEADER, 0, spki, 0, ED25519_SPKI_HEADER.length);
                System.arraycopy(raw, 0, spki, ED25519_SPKI_HEADER.length, raw.length);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            }
        }
        throw new AssertionError("no key " + keyId + " in " + manifest.get("keys"));
    }

    private static OfflineScan scan(String scanId, String code, Instant at) {
        return new OfflineScan(scanId, code, Instants.text(at));
    }

    private static OfflineUpload upload(String device, OfflineScan... scans) {
        return new OfflineUpload(device, List.of(scans));
    }

    /** A sale: its tickets in seat order. */
    private record Sold(Event event, Payment payment, List<OrderTicket> tickets) {
        String code(int ticket) {
            return tickets.get(ticket).code();
        }

        String ticketId(int ticket) {
            return tickets.get(ticket).id();
        }
    }

    private void refund(Sold sold) {
        Hold hold = office.bean(HoldReader.class).load(sold.payment.holdId()).orElseThrow().hold();
        assertThat(office.bean(PaymentWrites.class).refunded(payments.get(sold.payment.id()), hold,
                sold.payment.amount(), "refund", office.now())).isTrue();
    }

    /** {@code seats} sold to {@code user}, bought by {@code name}; the order's tickets in seat order. */
    private Sold sell(String user, String name, String... seats) {
        return sell(office.newEvent(3, 4), user, name, seats);
    }

    private Sold sell(Event event, String user, String name, String... seats) {
        Hold hold = office.hold(user, event, seats);
        Payment payment = office.bean(StartPayment.class).start(new Caller(user, false), hold.id(), "PAYPAL",
                Buyer.of(name, user + "@example.org"), null);
        assertThat(office.bean(SellHold.class).sell(payments.get(payment.id()), "CAPTURE-" + payment.id()).outcome())
                .isEqualTo(SellHold.Outcome.SOLD);
        String code = payments.get(payment.id()).orderCode();
        Order order = office.bean(ReadOrders.class).byCode(new Caller(user, false), code);
        List<OrderTicket> ordered = order.tickets().stream()
                .sorted(java.util.Comparator.comparingInt(OrderTicket::row).thenComparingInt(OrderTicket::seat)).toList();
        return new Sold(event, payment, ordered);
    }
}
