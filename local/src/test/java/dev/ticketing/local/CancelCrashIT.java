package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.events.CreateEvent;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.identity.Caller;
import dev.ticketing.local.aws.FreePort;
import dev.ticketing.local.cardcheckout.MockCardCheckout;
import dev.ticketing.local.check.TableCheck;
import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.paypal.MockPayPal;
import dev.ticketing.local.seed.SoldHall;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.LocalProcess;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.payments.provider.paypal.PayPalWebhookEvent;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An event's cancellation survives {@code kill -9}: 2,000 tickets sold (250 payments of 8 seats, PayPal and the card
 * checkout in turn, some holds over two rows, so over two pages of the cancellation) are cancelled while the local
 * stack, its own JVM on a data folder, is killed several times mid-way, each time right after a provider answered a
 * refund (the moment a refund is made at the provider and not yet recorded by us), and restarted on the same folder
 * until the cancellation is finished. The providers' webhooks never reach the stack, so each refund made just before a
 * kill is recorded only by a repeat of the step asking again with the same request id. Then:
 * <ul>
 *   <li>the cancellation says 2,000 tickets, 2,000 refunded, none failed or pending;</li>
 *   <li>at the providers (mocks in this JVM, which outlive the stack, as real ones do), each payment's capture was
 *       asked to refund with exactly one request id, its own {@code refund-<paymentId>}, however often a restarted
 *       step asked again, and exactly one refund was made of it;</li>
 *   <li>in the table every payment is REFUNDED and every ticket CANCELLED, and the table check (no payment refunded
 *       twice, the cancellation's counts, no hold left ACTIVE) finds nothing.</li>
 * </ul>
 * The tickets are sold through the use cases in this JVM against the stack's DynamoDB ({@link SoldHall}), not 2,000
 * purchases over HTTP. {@code -Dcancelcrash.kills=N} (default 3) kills N times, spread evenly over the refunds.
 */
class CancelCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 40;
    private static final int COLUMNS = 50;
    private static final int SEATS_PER_HOLD = 8;
    private static final int TICKETS = ROWS * COLUMNS;
    private static final int PAYMENTS = TICKETS / SEATS_PER_HOLD;
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(120);
    private static final Duration FINISH_LIMIT = Duration.ofSeconds(180);

    @TempDir
    Path data;

    private final int frontPort = FreePort.orAny(0);
    private final int dynamoPort = FreePort.orAny(0);
    private final int sqsPort = FreePort.orAny(0);
    private final URI front = URI.create("http://127.0.0.1:" + frontPort);
    private final RefundWatch paypalRefunds = new RefundWatch(Pattern.compile(".*/v2/payments/captures/([^/]+)/refund"),
            "PayPal-Request-Id");
    private final RefundWatch cardRefunds = new RefundWatch(Pattern.compile(".*/v1/charges/([^/]+)/refunds"),
            "Idempotency-Key");
    private final Object killing = new Object();
    private volatile int killAt = Integer.MAX_VALUE;
    private volatile CountDownLatch killed = new CountDownLatch(1);
    private volatile LocalProcess current;
    private MockPayPal paypal;
    private MockCardCheckout card;

    @Test
    void aCancellationKilledSeveralTimesMidWayRefundsEveryTicketExactlyOnce() throws Exception {
        int kills = Integer.getInteger("cancelcrash.kills", 3);
        HttpServer providers = startProviders();
        current = startStack();
        try (ApplicationContext dataLayer = dataLayer()) {
            Api api = new Api(front, this::token);
            String event = createEvent(dataLayer);
            long seeding = System.nanoTime();
            List<SoldHall.Sale> sales = new SoldHall(dataLayer::getBean, this::approve)
                    .sell(event, ROWS, COLUMNS, SEATS_PER_HOLD, List.of(PaymentProvider.PAYPAL, PaymentProvider.OTHER), 4);
            long seeded = millisSince(seeding);
            assertThat(sales).hasSize(PAYMENTS);

            long cancelling = System.nanoTime();
            Api.Response cancelled = api.post("/events/" + event + "/cancel", api.admin(), Map.of("reason", "Crash test"));
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
            List<Long> restarts = new ArrayList<>();
            List<Integer> killedAfter = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                killedAfter.add(killOnceRefunded(PAYMENTS * kill / (kills + 1)));
                long restart = System.nanoTime();
                current = startStack();
                restarts.add(millisSince(restart));
            }
            JsonNode done = awaitFinished(api, event);
            long cancelled0 = millisSince(cancelling);

            int requests = paypalRefunds.requests.get() + cardRefunds.requests.get();
            System.out.printf("cancel crash test: %d tickets (%d payments) sold in %d ms; cancelled and refunded in %d ms"
                            + " with %d kill(s) (after %s refund request ids), restarts %s ms; %d refund requests for %d"
                            + " payments (%d repeats)%n", TICKETS, PAYMENTS, seeded, cancelled0, kills, killedAfter,
                    restarts, requests, PAYMENTS, requests - PAYMENTS);
            assertThat(done.get("tickets").asInt()).isEqualTo(TICKETS);
            assertThat(done.get("refunded").asInt()).as(done.toString()).isEqualTo(TICKETS);
            assertThat(done.get("failed").asInt()).isZero();
            assertThat(done.get("failures")).isEmpty();
            checkProviders(sales);
            checkTable(dataLayer, sales);
        } finally {
            current.close();
            providers.stop(0);
            paypal.close();
            card.close();
        }
    }

    /** Arms the kill for the answer that brings the refund request ids seen to {@code refunds}; waits for it. */
    private int killOnceRefunded(int refunds) throws InterruptedException {
        killed = new CountDownLatch(1);
        killAt = refunds;
        assertThat(killed.await(KILL_LIMIT.toSeconds(), TimeUnit.SECONDS))
                .as("%d refunds asked for within %s (seen %d)", refunds, KILL_LIMIT, refundIds()).isTrue();
        return refunds;
    }

    /** After each refund a provider answered: the armed kill, once enough refunds were asked for. */
    private void refundAnswered() {
        if (refundIds() < killAt) {
            return;
        }
        synchronized (killing) {
            if (killAt == Integer.MAX_VALUE) {
                return;
            }
            killAt = Integer.MAX_VALUE;
            try {
                current.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            killed.countDown();
        }
    }

    private int refundIds() {
        return paypalRefunds.keys.size() + cardRefunds.keys.size();
    }

    // --- what must hold afterwards ------------------------------------------------------------------------------

    /** One request id per payment, its own, and exactly one refund made of its capture. */
    private void checkProviders(List<SoldHall.Sale> sales) {
        Map<String, Set<String>> asked = new HashMap<>(paypalRefunds.keysByTarget());
        asked.putAll(cardRefunds.keysByTarget());
        Set<String> askedIds = asked.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(askedIds).as("refund request ids").containsExactlyInAnyOrderElementsOf(
                sales.stream().map(sale -> "refund-" + sale.paymentId()).toList());
        assertThat(asked.values()).as("refund request ids per capture").allSatisfy(ids -> assertThat(ids).hasSize(1));
        Map<String, Long> made = Stream.concat(
                paypal.sentWebhooks().stream()
                        .filter(sent -> PayPalWebhookEvent.PAYMENT_CAPTURE_REFUNDED.equals(sent.eventType()))
                        .map(sent -> read(sent.body()).path("resource").path("custom_id").asText()),
                card.sentWebhooks().stream().filter(sent -> dev.ticketing.payments.provider.card.CardWebhookEvent.CHARGE_REFUNDED.equals(sent.getValue()))
                        .map(sent -> read(card.webhookBody(sent.getKey())).path("data").path("object").path("reference").asText()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(made).as("refunds made at the providers, by payment").hasSize(PAYMENTS)
                .containsOnlyKeys(sales.stream().map(SoldHall.Sale::paymentId).toList())
                .allSatisfy((payment, refunds) -> assertThat(refunds).as("refunds of payment %s", payment).isEqualTo(1));
    }

    /** Every payment REFUNDED, every ticket CANCELLED; and the table check finds nothing. */
    private void checkTable(ApplicationContext dataLayer, List<SoldHall.Sale> sales) {
        PaymentReader payments = dataLayer.getBean(PaymentReader.class);
        HoldReader holds = dataLayer.getBean(HoldReader.class);
        for (SoldHall.Sale sale : sales) {
            Payment payment = payments.get(sale.paymentId());
            assertThat(payment.status()).as("payment %s", sale.paymentId()).isEqualTo(PaymentStatus.REFUNDED);
            assertThat(holds.load(sale.holdId()).orElseThrow().hold().tickets()).extracting(Ticket::status)
                    .as("tickets of hold %s", sale.holdId()).hasSize(SEATS_PER_HOLD).containsOnly(TicketStatus.CANCELLED);
        }
        TableCheck.Report report = new TableCheck(dataLayer.getBean(DynamoDbClient.class),
                "ticketing-Table", Clock.systemUTC()).run();
        System.out.println("cancel crash test: " + report.summary());
        assertThat(report.violations()).isEmpty();
    }

    private JsonNode awaitFinished(Api api, String event) throws InterruptedException {
        long deadline = System.nanoTime() + FINISH_LIMIT.toNanos();
        while (true) {
            JsonNode cancellation;
            try {
                cancellation = api.get("/events/" + event, null).json().path("cancellation");
            } catch (UncheckedIOException slow) {
                cancellation = JSON.createObjectNode(); // no answer in time on a busy machine: ask again
            }
            if (cancellation.path("finished").asBoolean() && cancellation.path("pending").asInt(-1) == 0) {
                return cancellation;
            }
            assertThat(System.nanoTime()).as("cancellation finished within %s: %s", FINISH_LIMIT, cancellation)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    // --- the stack, the providers, the data layer -------------------------------------------------------------------

    private LocalProcess startStack() throws InterruptedException {
        LocalProcess stack = LocalProcess.start(List.of("--data-dir", data.toString(), "--port", Integer.toString(frontPort),
                "--dynamodb-port", Integer.toString(dynamoPort), "--sqs-port", Integer.toString(sqsPort), "--no-demo",
                "--paypal-url", paypal.baseUrl().toString(),
                "--parameter-overrides", "CardCheckoutBaseUrl=" + card.baseUrl()), Map.of());
        stack.awaitRunning(START_LIMIT);
        return stack;
    }

    /**
     * Both mock providers in this JVM (they outlive the stack), each behind a watch of the refunds asked of it. Their
     * webhooks are lost on the way (taken here, never delivered): nothing reaches the stack but its own calls' answers,
     * so the sales are this test's alone, and a refund made at the provider just before a kill is recorded only by the
     * cancellation asking again with the same request id, never by the provider's news of it.
     */
    private HttpServer startProviders() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        paypal = MockPayPal.builder()
                .basePath(LocalPayments.PAYPAL_PATH)
                .publicBaseUrl(URI.create(base + LocalPayments.PAYPAL_PATH))
                .credentials(LocalPayments.PAYPAL_CLIENT_ID, LocalPayments.PAYPAL_CLIENT_SECRET)
                .webhookId(LocalPayments.PAYPAL_WEBHOOK_ID)
                .webhookUrl(URI.create(base + "/webhooks/paypal"))
                .clock(Clock.systemUTC())
                .build();
        card = new MockCardCheckout(LocalPayments.CARD_PATH, URI.create(base + LocalPayments.CARD_PATH),
                LocalPayments.CARD_API_KEY, LocalPayments.CARD_WEBHOOK_SECRET, URI.create(base + "/webhooks/other"),
                Clock.systemUTC(), MockPayPal.DEFAULT_RETRY_DELAYS);
        paypalRefunds.delegate = paypal;
        cardRefunds.delegate = card;
        server.createContext(LocalPayments.PAYPAL_PATH, paypalRefunds);
        server.createContext(LocalPayments.CARD_PATH, cardRefunds);
        server.createContext("/webhooks/", exchange -> { // lost on the way: taken, never delivered
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The shared data layer in this JVM over the stack's table, with the stack's providers: to sell and to read. */
    private ApplicationContext dataLayer() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("table.name", "ticketing-Table");
        properties.put("paypal.base.url", paypal.baseUrl().toString());
        properties.put("paypal.client.id", LocalPayments.PAYPAL_CLIENT_ID);
        properties.put("paypal.client.secret", LocalPayments.PAYPAL_CLIENT_SECRET);
        properties.put("paypal.webhook.id", LocalPayments.PAYPAL_WEBHOOK_ID);
        properties.put("card.checkout.base.url", card.baseUrl().toString());
        properties.put("card.checkout.api.key", LocalPayments.CARD_API_KEY);
        properties.put("card.checkout.webhook.secret", LocalPayments.CARD_WEBHOOK_SECRET);
        properties.put("checkout.return.url", front + "/");
        // any region and key: the stack runs DynamoDB Local with -sharedDb; patient, as a busy machine can be slow
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("crash", "test")))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(2))).build();
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).singletons(dynamo).start();
    }

    /** The hall, created as {@code POST /events} creates it (a busy machine can take longer than an HTTP timeout). */
    private static String createEvent(ApplicationContext dataLayer) {
        NewEvent hall = new NewEvent("Cancel crash", "2027-03-01T20:00:00Z", ROWS, COLUMNS, "EUR",
                List.of(new NewEvent.Price(1, ROWS, "20.00")));
        Event event = dataLayer.getBean(CreateEvent.class).create(new Caller("crash-admin", true), hall, null).event();
        assertThat(event.status()).isEqualTo(EventStatus.ON_SALE);
        return event.id();
    }

    /** The buyer approves at the provider, as its checkout page's button does. */
    private void approve(PaymentProvider provider, String orderId) {
        if (provider == PaymentProvider.PAYPAL) {
            paypal.approve(orderId);
        } else {
            card.pay(orderId);
        }
    }

    private String token(String user, boolean admin) {
        Api.Response answer = new Api(front, (u, a) -> null).post("/dev/token", null,
                Map.of("userId", user, "admin", admin));
        if (answer.status() != 200) {
            throw new IllegalStateException("no token: " + answer);
        }
        return answer.json().get("token").asText();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * A provider's endpoint as the stack sees it, watching the refunds asked of it: each request id (by the capture or
     * charge it names) and how many requests; after each refund it answered, {@link #refundAnswered}.
     */
    private final class RefundWatch implements HttpHandler {
        final Pattern path;
        final String header;
        final Map<String, String> keys = new ConcurrentHashMap<>();
        final AtomicInteger requests = new AtomicInteger();
        volatile HttpHandler delegate;

        RefundWatch(Pattern path, String header) {
            this.path = path;
            this.header = header;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            Matcher refund = path.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !refund.matches()) {
                delegate.handle(exchange);
                return;
            }
            String key = exchange.getRequestHeaders().getFirst(header);
            requests.incrementAndGet();
            delegate.handle(exchange);
            if (exchange.getResponseCode() / 100 == 2) {
                keys.put(refund.group(1) + " " + key, refund.group(1));
                refundAnswered();
            }
        }

        /** The request ids asked, by the capture or charge they name. */
        Map<String, Set<String>> keysByTarget() {
            return keys.keySet().stream().collect(Collectors.groupingBy(entry -> entry.split(" ", 2)[0],
                    Collectors.mapping(entry -> entry.split(" ", 2)[1], Collectors.toSet())));
        }
    }
}
