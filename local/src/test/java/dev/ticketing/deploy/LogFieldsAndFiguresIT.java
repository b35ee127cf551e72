package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.config.PaymentTiming;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.store.Keys;
import dev.ticketing.testing.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The functions' log lines carry the request and business ids, and what happened to the business (holds, sales,
 * expiries, refunds) is written as Embedded Metric Format lines for the dashboard. Everything any logger writes at
 * INFO during a purchase is captured, and no token or secret is in it.
 */
class LogFieldsAndFiguresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOLD = Duration.ofMinutes(10);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final TestClock CLOCK = new TestClock();
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static final Logger FIGURES = (Logger) LoggerFactory.getLogger(BusinessMetrics.LOGGER);
    private static final ListAppender<ILoggingEvent> LINES = new ListAppender<>();
    private static Level rootLevel;
    private static LocalSystem stack;
    private static Api api;
    private static PaymentsApi payments;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSystem.start(TestStack.options().withHoldDuration(HOLD), CLOCK);
        api = new Api(stack);
        payments = new PaymentsApi(api, stack);
        rootLevel = ROOT.getLevel();
        LINES.start();
        ROOT.addAppender(LINES);
        FIGURES.addAppender(LINES);
        ROOT.setLevel(Level.INFO);
    }

    @AfterAll
    static void stop() {
        ROOT.setLevel(rootLevel);
        ROOT.detachAppender(LINES);
        FIGURES.detachAppender(LINES);
        stack.close();
    }

    @Test
    void aHoldIsLoggedWithItsIdsAndCountedAsAFigure() throws Exception {
        String event = api.createEvent(2, 4);
        String alice = api.newUser("alice");
        String hold = payments.hold(event, alice, "1-1", "1-2");

        ILoggingEvent placed = await().atMost(DEADLINE).until(() -> line(l -> l.getFormattedMessage().startsWith("hold placed")
                && hold.equals(l.getMDCPropertyMap().get("holdId"))), Optional::isPresent).get();
        Map<String, String> fields = placed.getMDCPropertyMap();
        assertThat(fields).containsEntry("function", "ApiFunction").containsEntry("eventId", event)
                .containsKeys("requestId", "apiRequestId");
        assertThat(fields.get("userId")).startsWith("alice-");

        JsonNode figure = figure("HoldsPlaced", hold);
        assertThat(figure.get("HoldsPlaced").asLong()).isEqualTo(1);
        assertThat(figure.get("SeatsHeld").asLong()).isEqualTo(2);
        assertThat(figure.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText()).isEqualTo("Ticketing");
        assertThat(figure.get("Stack").asText()).isEqualTo("ticketing");
    }

    @Test
    void aSaleARefundAndAnExpiryAreFiguresOfTheFunctionsThatSawThem() throws Exception {
        String event = api.createEvent(2, 4);
        String bob = api.newUser("bob");
        JsonNode sold = payments.startPayPal(payments.hold(event, bob, "2-1", "2-2"), bob);
        payments.approveAtPayPal(sold.get("providerOrderId").asText());
        payments.awaitStatus(sold.get("id").asText(), bob, "SUCCESS");

        JsonNode paid = payments.payment(sold.get("id").asText(), bob);
        payments.paypalClient().refundCapture(paid.get("captureId").asText(), new BigDecimal(paid.get("amount").asText()),
                paid.get("currency").asText(), "refund-" + paid.get("id").asText());
        payments.awaitStatus(sold.get("id").asText(), bob, "REFUNDED");

        String carol = api.newUser("carol");
        JsonNode late = payments.startPayPal(payments.hold(event, carol, "1-3"), carol);
        CLOCK.advance(HOLD.plus(PaymentTiming.DEFAULTS.paymentGrace()).plusSeconds(1));
        payments.hold(event, api.newUser("dave"), "1-3");
        payments.approveAtPayPal(late.get("providerOrderId").asText());
        payments.awaitStatus(late.get("id").asText(), carol, "FAILED");

        String expiring = payments.hold(event, api.newUser("erin"), "1-4");
        CLOCK.advance(HOLD.plusSeconds(1));
        stack.invoke("HoldExpiryFunction", ttlRemovalOf(expiring));

        JsonNode sale = figure("Sales", sold.get("id").asText());
        assertThat(sale.get("TicketsSold").asLong()).isEqualTo(2);
        assertThat(sale.get("function").asText()).isEqualTo("PaymentProcessorFunction");
        assertThat(figure("Refunds", sold.get("id").asText()).get("function").asText()).isEqualTo("PaymentProcessorFunction");
        assertThat(figure("PaymentsFailed", late.get("id").asText()).get("PaymentsFailed").asLong()).isEqualTo(1);
        assertThat(figure("HoldsExpired", expiring).get("function").asText()).isEqualTo("HoldExpiryFunction");
    }

    @Test
    void noTokenOrSecretIsInAnyLogLine() {
        String event = api.createEvent(2, 4);
        String frank = api.newUser("frank");
        JsonNode payment = payments.startPayPal(payments.hold(event, frank, "2-3"), frank);
        payments.approveAtPayPal(payment.get("providerOrderId").asText());
        payments.awaitStatus(payment.get("id").asText(), frank, "SUCCESS");

        String jwtHeader = frank.substring(0, frank.indexOf('.'));
        List<ILoggingEvent> lines = lines();
        assertThat(lines).isNotEmpty();
        for (ILoggingEvent line : lines) {
            String text = line.getFormattedMessage() + " " + line.getMDCPropertyMap();
            assertThat(text).doesNotContain(jwtHeader).doesNotContain("Bearer ")
                    .doesNotContain(LocalPayments.PAYPAL_CLIENT_SECRET).doesNotContain(LocalPayments.CARD_WEBHOOK_SECRET);
        }
    }

    /** The EMF line with this figure that names this hold or payment (waiting for it a bounded while). */
    private static JsonNode figure(String name, String id) throws Exception {
        ILoggingEvent line = await().atMost(DEADLINE).until(() -> line(l -> l.getLoggerName().equals(BusinessMetrics.LOGGER)
                && l.getFormattedMessage().contains("\"" + name + "\"") && l.getFormattedMessage().contains(id)),
                Optional::isPresent).get();
        return JSON.readTree(line.getFormattedMessage());
    }

    private static Optional<ILoggingEvent> line(java.util.function.Predicate<ILoggingEvent> test) {
        return lines().stream().filter(test).findFirst();
    }

    /** What was logged so far (the appender adds under its own lock). */
    private static List<ILoggingEvent> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES.list);
        }
    }

    private static DynamodbEvent ttlRemovalOf(String holdId) {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("../events/hold-lease-ttl-remove.json");
        var change = event.getRecords().get(0).getDynamodb();
        var pk = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(Keys.hold(holdId));
        change.getKeys().put(Keys.PK, pk);
        change.getOldImage().put(Keys.PK, pk);
        return event;
    }
}
