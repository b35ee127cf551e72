package dev.ticketing.web;

import static dev.ticketing.web.Browsers.screenshot;
import static dev.ticketing.web.Browsers.script;
import static dev.ticketing.web.Browsers.text;
import static dev.ticketing.web.Browsers.waitFor;
import static dev.ticketing.web.DoorPageIT.admitted;
import static dev.ticketing.web.DoorPageIT.answer;
import static dev.ticketing.web.DoorPageIT.attribute;
import static dev.ticketing.web.DoorPageIT.openSignedIn;
import static dev.ticketing.web.DoorPageIT.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.admission.keys.KeySet;
import dev.ticketing.admission.keys.TicketCodes;
import dev.ticketing.admission.model.TicketCode;
import dev.ticketing.local.http.StaticFiles;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The door page with the network gone, in a real browser (headless Chromium). The page's files come from its
 * service worker, the door list from the browser's storage, codes are verified on the device (WebCrypto's Ed25519,
 * and the vendored verifier), and the scans are uploaded when the network is back, each with its scanId.
 *
 * <p>Until the server answers {@code GET /events/{id}/checkin-list} itself, this test serves the page's files (the
 * real ones, from the classpath as the local stack does) and a small fake of the door routes, with a door list it
 * builds and signs as the contract says: codes made by the real {@link TicketCodes}, the list signed with the same
 * event key. "The network gone" is the server closing every connection without an answer.
 */
class DoorPageOfflineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Browsers browsers = new Browsers();
    private final String keys = KeySet.generate("k1");
    private final TicketCodes codes = new TicketCodes(KeySet.parse(keys));
    private final String eventId = UUID.randomUUID().toString();
    private final String holdId = UUID.randomUUID().toString();
    private FakeDoor server;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Browsers.installed(), "DoorPageOfflineIT skipped: " + Browsers.SKIPPED);
        server = new FakeDoor();
    }

    @AfterEach
    void stop() throws IOException {
        browsers.close();
        if (server != null) {
            server.http.stop(0);
        }
    }

    @Test
    void withTheNetworkGoneCodesAreCheckedOnTheDeviceAndTheScansUploadedWhenItIsBack() throws Exception {
        Ticket ada = ticket("1-1", 1);
        Ticket refunded = ticket("1-3", 1);
        Ticket inAlready = ticket("1-4", 1);
        Ticket soldLater = ticket("1-5", 1);
        String otherEvents = codes.issue(new TicketCode(UUID.randomUUID().toString(), holdId, UUID.randomUUID().toString(), "1-1", 1));
        server.list = signedList(List.of(ada, inAlready), refunded, inAlready, 5);

        WebDriver door = browsers.desktop();
        openSignedIn(door, server.base() + "/web/door.html?event=" + eventId, "door-anna");
        waitFor(door).until(page -> text(page, "#door-list").endsWith("valid tickets: 2"));
        waitFor(door, Duration.ofSeconds(20)).until(page -> (Boolean) script(page,
                "return !!navigator.serviceWorker.controller"));
        String deviceId = (String) script(door, "return JSON.parse(localStorage.getItem('ticketing.door.device'))");

        // The network goes: the page opens again from the service worker's copy, with the door list it kept
        server.offline = true;
        door.get(server.base() + "/web/door.html?event=" + eventId);
        waitFor(door).until(page -> "true".equals(attribute(page, "body", "data-ready")));
        assertThat(text(door, "#door-list")).endsWith("valid tickets: 2");

        scan(door, ada.code);
        waitFor(door).until(page -> "admitted".equals(answer(page)));
        assertThat(text(door, "#answer-word")).isEqualTo("ADMITTED");
        assertThat(text(door, "#answer-seat")).isEqualTo("Row 1, Seat 1");
        assertThat(text(door, "#answer-name")).isEqualTo("Ada Lovelace");
        assertThat(text(door, "#answer-detail")).startsWith("Checked on this device with no network");
        assertThat(attribute(door, "#connection", "data-state")).isEqualTo("offline");
        assertThat(text(door, "#connection")).isEqualTo("Offline · to upload: 1");
        screenshot(door, "door-offline-admitted");

        scan(door, ada.code);
        waitFor(door).until(page -> "already-admitted".equals(answer(page)));
        assertThat(text(door, "#answer-detail")).endsWith(" on this device.");
        assertThat(server.scansTried()).as("let in here and not uploaded yet: the server, which does not know it, is not asked")
                .hasSize(1);

        scan(door, refunded.code);
        waitFor(door).until(page -> "revoked".equals(answer(page)));
        assertThat(text(door, "#answer-word")).isEqualTo("REFUSED");

        scan(door, inAlready.code);
        waitFor(door).until(page -> "already-admitted".equals(answer(page)));
        assertThat(text(door, "#answer-detail")).endsWith(" on gate-9.");

        scan(door, otherEvents);
        waitFor(door).until(page -> "wrong-event".equals(answer(page)));
        assertThat(text(door, "#answer-word")).isEqualTo("WRONG EVENT");

        // The browser's own Ed25519 decided so far; the vendored verifier decides the same
        assertThat(script(door, "return import('/web/door-codes.js').then(m => m.verifierInUse())")).isEqualTo("webcrypto");
        script(door, "return import('/web/door-codes.js').then(m => m.useVendoredVerifier())");
        scan(door, forged(soldLater.code));
        waitFor(door).until(page -> "unknown".equals(answer(page)));
        scan(door, soldLater.code);
        waitFor(door).until(page -> "admitted".equals(answer(page)));
        assertThat(script(door, "return import('/web/door-codes.js').then(m => m.verifierInUse())")).isEqualTo("vendored");
        assertThat(text(door, "#answer-seat")).isEqualTo("Seat 1-5");
        assertThat(text(door, "#answer-detail")).contains("sold after the door list was loaded");
        assertThat(admitted(door)).as("gate-9's, and the two let in here").isEqualTo("3");
        assertThat(text(door, "#counter")).isEqualTo("3 of 5 admitted");
        // (the browser itself may send a request again on a connection closed without an answer: the same scanId)
        assertThat(server.scansTried()).as("every other check first tried the server").hasSize(6);

        // The network is back: the offline scans go up with the scanIds they were made with
        server.offline = false;
        door.findElement(By.id("sync")).click();
        waitFor(door).until(page -> "online".equals(attribute(page, "#connection", "data-state"))
                && "0".equals(attribute(page, "#connection", "data-waiting")));
        assertThat(server.uploads).hasSize(1);
        JsonNode upload = server.uploads.get(0);
        assertThat(upload.get("deviceId").asText()).isEqualTo(deviceId);
        List<String> uploadedCodes = new ArrayList<>();
        List<String> scanIds = new ArrayList<>();
        upload.get("scans").forEach(scan -> {
            uploadedCodes.add(scan.get("code").asText());
            scanIds.add(scan.get("scanId").asText());
            assertThat(scan.get("scannedAt").asText()).endsWith("Z");
        });
        // only the admissions made here go up: a refusal let nobody in, and the server counts every uploaded scan as
        // an admission (an uploaded "already admitted" would be flagged a double admission that never happened)
        assertThat(uploadedCodes).as("what was let in here").containsExactly(ada.code, soldLater.code);
        List<String> tried = server.scansTried();
        assertThat(scanIds).containsExactly(tried.get(0), tried.get(tried.size() - 1));
        assertThat(text(door, "#door-list")).as("the server had Ada in first: a double admission")
                .endsWith("admitted twice while offline: 1 (see the check-in report)");
        screenshot(door, "door-synced");
    }

    @Test
    void withNoDoorListAndNoNetworkNothingIsDecidedAndTryAgainSendsTheSameScan() {
        Ticket ada = ticket("2-2", 1);
        server.list = null; // the server has no door list for this event
        WebDriver door = browsers.desktop();
        openSignedIn(door, server.base() + "/web/door.html?event=" + eventId, "door-ben");

        server.offline = true;
        scan(door, ada.code);
        waitFor(door).until(page -> "no-network".equals(answer(page)));
        assertThat(attribute(door, "#answer", "data-result")).isEqualTo("unchecked");
        assertThat(text(door, "#answer-word")).isEqualTo("NOT CHECKED");
        assertThat(text(door, "#answer-icon")).isEqualTo("!");

        server.offline = false;
        door.findElement(By.id("retry")).click();
        waitFor(door).until(page -> "admitted".equals(answer(page)));
        assertThat(server.scansTried()).as("the retry's scanId is the first attempt's").hasSize(1);
        assertThat(server.checkInAttempts).hasSizeGreaterThanOrEqualTo(2);
    }

    private record Ticket(String id, String seatId, String code) {
    }

    private Ticket ticket(String seatId, int version) {
        String id = UUID.randomUUID().toString();
        return new Ticket(id, seatId, codes.issue(new TicketCode(id, holdId, eventId, seatId, version)));
    }

    private static String forged(String code) {
        byte[] bytes = Base64.getUrlDecoder().decode(code);
        bytes[bytes.length - 1] ^= 0x01;
        return BASE64URL.encodeToString(bytes);
    }

    /** The door list as the contract has it: the manifest's UTF-8 JSON bytes, base64url, signed by the event's key. */
    private String signedList(List<Ticket> valid, Ticket revoked, Ticket admittedElsewhere, int sold) throws Exception {
        KeyPair pair = eventKey();
        byte[] publicKey = pair.getPublic().getEncoded(); // X.509: a 12-byte header, then the raw 32-byte key
        ObjectNode manifest = JSON.createObjectNode().put("eventId", eventId).put("version", 1).putNull("since")
                .put("complete", true).put("generatedAt", "2026-12-06T20:00:00.000Z").put("sold", sold);
        manifest.putArray("keys").addObject().put("keyId", "k1")
                .put("publicKey", BASE64URL.encodeToString(Arrays.copyOfRange(publicKey, publicKey.length - 32, publicKey.length)));
        ArrayNode tickets = manifest.putArray("tickets");
        for (Ticket ticket : valid) {
            String[] seat = ticket.seatId.split("-");
            tickets.addArray().add(ticket.id).add(1).add("Row " + seat[0] + ", Seat " + seat[1]).add("Ada Lovelace");
        }
        manifest.putArray("revoked").addArray().add(revoked.id).add(1);
        manifest.putArray("admitted").addArray().add(admittedElsewhere.id).add("gate-9").add("2026-12-06T20:05:00.000Z");
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(bytes);
        return JSON.writeValueAsString(JSON.createObjectNode().put("eventId", eventId).put("keyId", "k1")
                .put("manifest", BASE64URL.encodeToString(bytes)).put("signature", BASE64URL.encodeToString(signer.sign())));
    }

    /** The event's key pair as TicketCodes derives it (the server's manifest will be signed with it). */
    private KeyPair eventKey() throws Exception {
        Method derive = TicketCodes.class.getDeclaredMethod("derive", byte[].class, String.class);
        derive.setAccessible(true);
        return (KeyPair) derive.invoke(null, KeySet.parse(keys).secret("k1").orElseThrow(), eventId);
    }

    /**
     * The page's real files and a fake of the routes the door page uses. While {@code offline}, every connection is
     * closed without an answer, as when the network is gone.
     */
    private final class FakeDoor {
        private static final Pattern EVENT_PATH = Pattern.compile("/events/([^/]+)(/.*)?");
        final HttpServer http;
        volatile boolean offline;
        volatile String list;
        final List<String> checkInAttempts = new CopyOnWriteArrayList<>();
        final List<JsonNode> uploads = new CopyOnWriteArrayList<>();

        FakeDoor() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StaticFiles files = StaticFiles.fromClasspath("web");
            http.createContext("/web/", exchange -> {
                if (offline) {
                    exchange.close();
                } else {
                    files.handle(exchange);
                }
            });
            http.createContext("/", this::api);
            http.start();
        }

        /** The scanIds the device sent to POST /events/{id}/checkins, each once, in order. */
        List<String> scansTried() {
            return List.copyOf(new LinkedHashSet<>(checkInAttempts));
        }

        String base() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        private void api(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (method.equals("POST") && path.equals("/events/" + eventId + "/checkins")) {
                    // recorded even when the network "fails": the device's attempts are what is checked
                    checkInAttempts.add(JSON.readTree(body).get("scanId").asText());
                }
                if (offline) {
                    return; // closed with no answer
                }
                if (path.equals("/dev/token")) {
                    send(exchange, 200, "{\"token\":\"door-token\"}");
                    return;
                }
                if (path.equals("/events")) {
                    send(exchange, 200, "{\"events\":[" + event() + "]}");
                    return;
                }
                Matcher matcher = EVENT_PATH.matcher(path);
                String rest = matcher.matches() && matcher.group(1).equals(eventId) ? Objects.requireNonNullElse(matcher.group(2), "") : "?";
                switch (method + " " + rest) {
                    case "GET " -> send(exchange, 200, event());
                    case "GET /checkin-list" -> {
                        if (list == null) {
                            send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
                        } else {
                            send(exchange, 200, list);
                        }
                    }
                    case "POST /checkins" -> send(exchange, 200, "{\"ticketId\":\"t\",\"seatId\":\"2-2\",\"row\":2,\"seat\":2,"
                            + "\"label\":\"Row 2, Seat 2\",\"name\":\"Ada Lovelace\",\"admittedAt\":\"2026-12-06T20:00:00.000Z\"}");
                    case "POST /checkins/offline" -> {
                        JsonNode upload = JSON.readTree(body);
                        uploads.add(upload);
                        ArrayNode results = JSON.createArrayNode();
                        // the first scan (Ada's) was admitted by another device first: already-admitted
                        for (JsonNode scan : upload.get("scans")) {
                            String result = results.size() == 0 ? "already-admitted" : "admitted";
                            results.addObject().put("scanId", scan.get("scanId").asText()).put("result", result);
                        }
                        send(exchange, 200, JSON.writeValueAsString(JSON.createObjectNode().set("results", results)));
                    }
                    case "GET /checkin-report" -> send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
                    default -> send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"" + method + " " + path + "\"}");
                }
            }
        }

        private String event() {
            return "{\"id\":\"" + eventId + "\",\"name\":\"Jazz night\",\"date\":\"2027-02-14T20:30:00Z\"}";
        }

        private void send(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
