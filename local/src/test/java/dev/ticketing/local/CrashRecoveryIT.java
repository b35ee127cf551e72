package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.local.aws.FreePort;
import dev.ticketing.local.check.TableCheck;
import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.paypal.MockPayPal;
import dev.ticketing.local.paypal.SentWebhook;
import dev.ticketing.local.testing.LocalProcess;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Table;
import java.time.Instant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Nothing acknowledged is lost when the local stack dies: the stack runs as its own JVM on a data folder while
 * drivers keep holds, releases, payments and approvals (and so webhooks and queued messages) in flight; it is
 * killed with SIGKILL at random moments and restarted on the same folder each time. Afterwards:
 * <ul>
 *   <li>every hold answered 201 is there with the same seats and expiresAt (or a later one once a payment
 *       started: the payment grace), in the state the drivers' answers
 *       allow (ACTIVE; RELEASED once a release was answered 204; PAID once its approved payment succeeded);</li>
 *   <li>every payment approved at PayPal ends SUCCESS, or FAILED with a reason and its capture refunded;</li>
 *   <li>the table keeps every invariant ({@link TableCheck}, and the {@code check} command as an operator runs it):
 *       no seat SOLD without a SUCCESS payment and the reverse, no seat in two live holds.</li>
 * </ul>
 * PayPal is a mock in this test's JVM, as the real one lives outside the stack: it keeps its orders and retries
 * its webhooks across the stack's deaths. Half the kills come at a random moment, half right after a hold was
 * answered 201 (the driver that got the answer kills the stack at once). {@code -Dcrash.kills=N} (default 10) and
 * {@code -Dcrash.budget=PT30S} (default, for CI) bound the killing phase, whichever ends first, after at least three
 * kills; a full run is
 * {@code -Dcrash.kills=12 -Dcrash.budget=PT10M}.
 */
class CrashRecoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DRIVERS = 3;
    /** However slow the machine (the budget bounds the rest). */
    private static final int MIN_KILLS = 3;
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(150);
    /**
     * PayPal retries a webhook for days; the built-in mock's schedule (0.5 s doubling to 32 s, 8 tries) can miss
     * every moment a stack that keeps dying is up. This one tries every 2 s for four minutes.
     */
    private static final List<Duration> PAYPAL_RETRIES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(Duration.ofMillis(500), Duration.ofSeconds(1)),
            java.util.Collections.nCopies(120, Duration.ofSeconds(2)).stream()).toList();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random();
    private final int frontPort = FreePort.orAny(0);
    private final int dynamoPort = FreePort.orAny(0);
    private final int sqsPort = FreePort.orAny(0);
    private final URI front = URI.create("http://127.0.0.1:" + frontPort);
    private final ConcurrentLinkedQueue<AckedHold> holds = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Object upSignal = new Object();
    private volatile boolean up;
    private volatile boolean driving = true;
    private MockPayPal paypal;
    private volatile LocalProcess current;
    private final java.util.concurrent.atomic.AtomicBoolean killOnNextHold = new java.util.concurrent.atomic.AtomicBoolean();

    /** A hold the stack answered 201, and what the drivers did to it since (each a 2xx answer, or an unknown outcome). */
    private static final class AckedHold {
        final String id;
        final String token;
        final List<String> seats;
        final String expiresAt;
        volatile boolean releaseAnswered;
        volatile boolean releaseUnknown;
        volatile boolean paymentUnknown;
        volatile String paymentId;
        volatile String orderId;
        volatile boolean approved;

        AckedHold(String id, String token, List<String> seats, String expiresAt) {
            this.id = id;
            this.token = token;
            this.seats = seats;
            this.expiresAt = expiresAt;
        }
    }

    @Test
    void killedAtRandomTheStackLosesNothingItAcknowledged() throws Exception {
        int kills = Integer.getInteger("crash.kills", 10);
        Duration budget = Duration.parse(System.getProperty("crash.budget", "PT30S"));
        HttpServer paypalServer = startPayPal();
        LocalProcess stack = startStack();
        var drivers = Executors.newFixedThreadPool(DRIVERS);
        int killed = 0;
        try {
            String admin = token("crash-admin", true);
            String eventId = createEvent(admin);
            for (int i = 0; i < DRIVERS; i++) {
                int driver = i;
                drivers.submit(() -> drive(driver, eventId));
            }
            long killingEnds = System.nanoTime() + budget.toNanos();
            List<Long> restarts = new ArrayList<>();
            int atLeast = Math.min(MIN_KILLS, kills);
            while (killed < kills && (killed < atLeast || System.nanoTime() < killingEnds)) {
                if (killed % 2 == 0) {
                    Thread.sleep(500 + random.nextInt(2000)); // a random moment in the traffic
                    setUp(false);
                } else {
                    // right after a 201 arrives, killed by the driver that got it: when a late commit would be lost
                    killOnNextHold.set(true);
                    awaitNextAcknowledgedHold();
                    killOnNextHold.set(false);
                    setUp(false);
                }
                stack.kill();
                killed++;
                long restart = System.nanoTime();
                stack = startStack();
                restarts.add((System.nanoTime() - restart) / 1_000_000);
            }
            System.out.println("crash test: restarts took " + restarts + " ms");
            // the last run keeps going: a second stack on the same data folder is refused while it runs
            try (LocalProcess second = LocalProcess.start(List.of("--data-dir", data.toString(), "--port", "0",
                    "--dynamodb-port", "0", "--sqs-port", "0"), Map.of())) {
                assertThat(second.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(second.output()).singleElement().asString().contains("is in use by another Ticketing local stack");
            }
            driving = false;
            drivers.shutdown();
            assertThat(drivers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            List<AckedHold> acked = List.copyOf(holds);
            long approved = acked.stream().filter(hold -> hold.approved).count();
            System.out.printf("crash test: %d kills, %d requests (%d refused while down), %d holds answered 201, %d releases"
                            + " answered 204, %d payments approved%n", killed, requests.get(), refused.get(), acked.size(),
                    acked.stream().filter(hold -> hold.releaseAnswered).count(), approved);
            assertThat(killed).as("kills").isGreaterThanOrEqualTo(atLeast);
            assertThat(acked).as("holds answered 201").hasSizeGreaterThan(killed);

            Map<String, JsonNode> payments = settledPayments(acked);
            for (AckedHold hold : acked) {
                checkHold(hold, payments.get(hold.paymentId));
            }
            checkTable(eventId);
        } finally {
            driving = false;
            drivers.shutdownNow();
            stack.close();
            paypalServer.stop(0);
            paypal.close();
        }
    }

    // --- the stack and the provider ------------------------------------------------------------------------

    private HttpServer startPayPal() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + LocalPayments.PAYPAL_PATH);
        paypal = MockPayPal.builder()
                .basePath(LocalPayments.PAYPAL_PATH)
                .publicBaseUrl(base)
                .credentials(LocalPayments.PAYPAL_CLIENT_ID, LocalPayments.PAYPAL_CLIENT_SECRET)
                .webhookId(LocalPayments.PAYPAL_WEBHOOK_ID)
                .webhookUrl(front.resolve("/webhooks/paypal"))
                .webhookRetryDelays(PAYPAL_RETRIES)
                .clock(Clock.systemUTC())
                .build();
        server.createContext(LocalPayments.PAYPAL_PATH, paypal);
        server.start();
        return server;
    }

    private LocalProcess startStack() throws InterruptedException {
        LocalProcess stack = LocalProcess.start(List.of("--data-dir", data.toString(), "--port", Integer.toString(frontPort),
                "--dynamodb-port", Integer.toString(dynamoPort), "--sqs-port", Integer.toString(sqsPort), "--no-demo",
                "--paypal-url", paypal.baseUrl().toString()), stackEnvironment());
        stack.awaitRunning(START_LIMIT);
        current = stack;
        setUp(true);
        return stack;
    }

    private void awaitNextAcknowledgedHold() throws InterruptedException {
        synchronized (holds) {
            int seen = holds.size();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (holds.size() == seen && System.nanoTime() < deadline) {
                holds.wait(1000);
            }
        }
    }

    /** {@code -Dcrash.stackJavaOptions=-Dticketing.commitBarrier=false} shows what the barrier is for. */
    private static Map<String, String> stackEnvironment() {
        String options = System.getProperty("crash.stackJavaOptions", "");
        return options.isBlank() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", options);
    }

    private void setUp(boolean running) {
        synchronized (upSignal) {
            up = running;
            upSignal.notifyAll();
        }
    }

    /** Drivers wait here while the stack is down (a condition, with the whole test's deadline behind it). */
    private void awaitUp() throws InterruptedException {
        synchronized (upSignal) {
            while (!up && driving) {
                upSignal.wait(1000);
            }
        }
    }

    // --- traffic ---------------------------------------------------------------------------------------------

    private void drive(int driver, String eventId) {
        int n = 0;
        while (driving) {
            try {
                awaitUp();
                if (!driving) {
                    return;
                }
                String token = token("crash-" + driver + "-" + n++, false);
                HttpResponse<String> held = send("POST", "/events/" + eventId + "/holds", token,
                        "{\"quantity\":2}", Map.of());
                // not placed within the API's short wait (a stack just restarted): followed as the page follows it,
                // to the hold or a refusal (the server ends a request at its deadline, so this ends)
                for (int poll = 0; held.statusCode() == 202 && poll < 200; poll++) {
                    Thread.sleep(100);
                    held = send("GET", held.headers().firstValue("Location").orElseThrow(), token, null, Map.of());
                }
                if (held.statusCode() != 201) {
                    continue; // sold out or a refusal: nothing was promised
                }
                if (killOnNextHold.compareAndSet(true, false)) {
                    current.kill();
                }
                JsonNode body = JSON.readTree(held.body());
                List<String> seats = new ArrayList<>();
                body.get("seats").forEach(seat -> seats.add(seat.get("id").asText()));
                AckedHold hold = new AckedHold(body.get("id").asText(), token, seats, body.get("expiresAt").asText());
                synchronized (holds) {
                    holds.add(hold);
                    holds.notifyAll();
                }
                int choice = random.nextInt(4);
                if (choice == 0) {
                    release(hold);
                } else if (choice < 3) {
                    pay(hold);
                }
            } catch (IOException e) {
                refused.incrementAndGet(); // the stack died under this request: its outcome is unknown, nothing was promised
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
    }

    private void release(AckedHold hold) throws InterruptedException {
        try {
            HttpResponse<String> released = send("DELETE", "/holds/" + hold.id, hold.token, null, Map.of());
            hold.releaseAnswered = released.statusCode() == 204;
        } catch (IOException e) {
            hold.releaseUnknown = true;
            refused.incrementAndGet();
        }
    }

    private void pay(AckedHold hold) throws InterruptedException, IOException {
        HttpResponse<String> paid;
        try {
            paid = send("POST", "/holds/" + hold.id + "/payments", hold.token, "{\"provider\":\"PAYPAL\",\"buyer\":{\"name\":\"Crash Buyer\",\"email\":\"crash@example.com\"}}",
                    Map.of("Idempotency-Key", "pay-" + hold.id));
        } catch (IOException e) {
            hold.paymentUnknown = true;
            throw e;
        }
        if (paid.statusCode() != 201) {
            hold.paymentUnknown = true;
            return;
        }
        JsonNode payment = JSON.readTree(paid.body());
        hold.paymentId = payment.get("id").asText();
        hold.orderId = payment.get("providerOrderId").asText();
        paypal.approve(hold.orderId); // the buyer approves at PayPal, which then sends its webhook to the stack
        hold.approved = true;
    }

    // --- what must hold afterwards ------------------------------------------------------------------------------

    /** Every approved payment ends SUCCESS or FAILED (asked until it does, within the deadline). */
    private Map<String, JsonNode> settledPayments(List<AckedHold> acked) throws Exception {
        Map<String, JsonNode> settled = new java.util.HashMap<>();
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        for (AckedHold hold : acked) {
            if (hold.paymentId == null) {
                continue;
            }
            while (true) {
                HttpResponse<String> answer = send("GET", "/payments/" + hold.paymentId, hold.token, null, Map.of());
                assertThat(answer.statusCode()).as("payment %s answered 201 exists", hold.paymentId).isEqualTo(200);
                JsonNode payment = JSON.readTree(answer.body());
                if (!hold.approved || !"PENDING".equals(payment.get("status").asText())) {
                    settled.put(hold.paymentId, payment);
                    break;
                }
                assertThat(System.nanoTime()).as("approved payment %s still PENDING after %s", hold.paymentId, SETTLE_LIMIT)
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        return settled;
    }

    private void checkHold(AckedHold hold, JsonNode payment) throws Exception {
        HttpResponse<String> answer = send("GET", "/holds/" + hold.id, hold.token, null, Map.of());
        assertThat(answer.statusCode()).as("hold %s answered 201 exists", hold.id).isEqualTo(200);
        JsonNode stored = JSON.readTree(answer.body());
        List<String> seats = new ArrayList<>();
        stored.get("seats").forEach(seat -> seats.add(seat.get("id").asText()));
        assertThat(seats).as("seats of hold %s", hold.id).isEqualTo(hold.seats);
        if (hold.paymentId == null && !hold.paymentUnknown) {
            assertThat(stored.get("expiresAt").asText()).as("expiresAt of hold %s", hold.id).isEqualTo(hold.expiresAt);
        } else {
            // starting a payment extends a hold once (PAYMENT_GRACE), an approval may keep it for the capture
            assertThat(Instant.parse(stored.get("expiresAt").asText())).as("expiresAt of hold %s", hold.id)
                    .isAfterOrEqualTo(Instant.parse(hold.expiresAt));
        }
        String status = stored.get("status").asText();
        if (hold.releaseAnswered) {
            assertThat(status).as("hold %s released with a 204", hold.id).isEqualTo("RELEASED");
        } else if (hold.releaseUnknown) {
            assertThat(status).as("hold %s whose release got no answer", hold.id).isIn("ACTIVE", "RELEASED");
        } else if (hold.approved) {
            String paymentStatus = payment.get("status").asText();
            if ("SUCCESS".equals(paymentStatus)) {
                assertThat(status).as("hold %s paid by payment %s", hold.id, hold.paymentId).isEqualTo("PAID");
            } else {
                assertThat(paymentStatus).isEqualTo("FAILED");
                assertThat(payment.get("failureReason").asText()).as("reason of FAILED payment %s", hold.paymentId).isNotBlank();
                assertRefunded(payment);
                assertThat(status).isEqualTo("ACTIVE");
            }
        } else {
            assertThat(status).as("hold %s (payment outcome unknown: %s)", hold.id, hold.paymentUnknown).isEqualTo("ACTIVE");
        }
    }

    /** A FAILED payment whose money was taken has it back: the mock PayPal sent the refund of that capture. */
    private void assertRefunded(JsonNode payment) {
        if (payment.get("captureId").isNull()) {
            return;
        }
        String refundId = payment.get("refundId").asText();
        assertThat(paypal.sentWebhooks()).as("refund %s of payment %s", refundId, payment.get("id").asText())
                .filteredOn(sent -> PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED.equals(sent.eventType()))
                .map(SentWebhook::body)
                .anyMatch(body -> body.contains(refundId));
    }

    private void checkTable(String eventId) throws Exception {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort))
                .region(Region.EU_WEST_1) // any region and key: the stack runs DynamoDB Local with -sharedDb
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("operator", "x"))).build()) {
            TableCheck.Report report = new TableCheck(dynamo, "ticketing-Table", Clock.systemUTC()).run();
            System.out.println("crash test: " + report.summary());
            assertThat(report.violations()).isEmpty();
            assertThat(report.holds()).isGreaterThanOrEqualTo(holds.size());

            // the operator's command says the same, and names a broken invariant when there is one
            List<String> check = List.of("check", "--endpoint", "http://127.0.0.1:" + dynamoPort, "--table", "ticketing-Table");
            try (LocalProcess clean = LocalProcess.start(check, Map.of())) {
                assertThat(clean.exitCode(Duration.ofSeconds(120))).as(String.join("\n", clean.output())).isZero();
                assertThat(clean.output()).last().asString().endsWith(": 0 violation(s)");
            }
            // a seat SOLD that no payment bought, written with the seat's own writes (take, then sell)
            Table table = new Table(dynamo, new TicketingConfig("ticketing-Table", Duration.ofMinutes(10), 10, 1));
            SeatItems seatItems = new SeatItems(table);
            Event event = new EventReader(table).get(eventId);
            SeatId corner = new SeatId(event.rows(), event.columns());
            Instant now = Instant.now();
            assertThat(table.writeAlone(seatItems.take(event, corner, "no-such-hold", "no-such-ticket", "nobody",
                    now.plusSeconds(600), now))).as("seat %s still free", corner).isTrue();
            assertThat(table.writeAlone(seatItems.sell(event, corner, "no-such-hold", "no-such-payment", now))).isTrue();
            try (LocalProcess broken = LocalProcess.start(check, Map.of())) {
                assertThat(broken.exitCode(Duration.ofSeconds(120))).isEqualTo(1);
                assertThat(broken.output()).contains("VIOLATION seat-sold-without-payment: seat " + corner + " of event "
                        + eventId + " is SOLD but names no hold that exists (no-such-hold)");
            }
        }
    }

    // --- HTTP ----------------------------------------------------------------------------------------------

    private String createEvent(String admin) throws Exception {
        String body = "{\"name\":\"Crash night\",\"date\":\"2027-03-01T20:00:00Z\",\"rows\":30,\"columns\":30,"
                + "\"currency\":\"EUR\",\"prices\":[{\"fromRow\":1,\"toRow\":30,\"price\":\"20.00\"}]}";
        HttpResponse<String> created = send("POST", "/events", admin, body, Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private String token(String user, boolean admin) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("POST", "/dev/token", null,
                "{\"userId\":\"" + user + "\",\"admin\":" + admin + "}", Map.of());
        if (answer.statusCode() != 200) {
            throw new IOException("no token: " + answer.statusCode());
        }
        return JSON.readTree(answer.body()).get("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(front.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        requests.incrementAndGet();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
