package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.config.PaymentTiming;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.events.CreateEvent;
import dev.ticketing.holds.model.SweepReport;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.store.Keys;
import dev.ticketing.testing.TestClock;
import dev.ticketing.venues.formats.SamplePlans;
import dev.ticketing.deploy.FunctionPermissions.Grant;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the code of each function really calls, recorded ({@link AwsCallRecorder}) while the local stack runs
 * everything a function can be asked to do: events, seat maps, holds (by seat, by quantity, idempotent replay),
 * release, checkout, a sale, the sales report and export, a cancellation, a refund at the provider, a payment that came too late, a capture completed too late, reconciliation
 * of a purchase whose webhooks were lost, a batch put back on the queue, the TTL stream expiry and the sweeper. It must be exactly the {@link FunctionPermissions#CODE} list: a call missing from the list would be
 * refused in AWS, a listed action no code calls is a grant too many. (The stack's own sweeper is idle here, so the
 * expiry paths run when the test invokes them, not when a timer fires.)
 */
class FunctionCallsIT {
    private static final Duration HOLD = Duration.ofMinutes(10);
    private static final TestClock CLOCK = new TestClock();
    private static LocalSystem stack;
    private static Api api;
    private static PaymentsApi payments;

    @BeforeAll
    static void start() throws Exception {
        // a quantity hold answered 201 as it is placed (a loaded machine can take longer than the template's 0.1 s
        // wait, and a 202's poll reads the same items the placing does: BestAvailableWaitIT covers it)
        stack = LocalSystem.start(TestStack.options().withHoldDuration(HOLD)
                        .withBestAvailableDeadline(java.time.Duration.ofSeconds(20)).withParameter("BestAvailableWait", "PT20S"),
                CLOCK);
        api = new Api(stack);
        payments = new PaymentsApi(api, stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void eachFunctionCallsExactlyWhatItsRoleGrants() {
        runEverythingAFunctionDoes();

        Map<String, Set<Grant>> calls = AwsCallRecorder.calls();
        List<String> problems = new ArrayList<>();
        FunctionPermissions.CODE.forEach((function, listed) -> {
            Set<Grant> called = calls.getOrDefault(function, Set.of());
            Set<Grant> notListed = new HashSet<>(called);
            notListed.removeAll(listed);
            Set<Grant> notCalled = new HashSet<>(listed);
            notCalled.removeAll(called);
            if (!notListed.isEmpty()) {
                problems.add(function + " calls what FunctionPermissions does not list (AWS would refuse it): " + notListed);
            }
            if (!notCalled.isEmpty()) {
                problems.add(function + " never called what FunctionPermissions lists (a grant too many?): " + notCalled);
            }
        });
        assertThat(calls.keySet()).as("functions seen calling AWS").isSubsetOf(FunctionPermissions.CODE.keySet());
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private static void runEverythingAFunctionDoes() {
        String admin = api.admin();
        String event = api.createEvent(4, 6);
        expect(api.get("/events", admin), 200);
        expect(api.get("/events/" + event, admin), 200);
        expect(api.get("/events/" + event + "/seats", admin), 200);
        expect(api.get("/events/" + event + "/seats?format=compact", admin), 200);
        // a hall too big to write within the request: EventSeatsFunction writes its seats (the event-seats queue)
        api.createHall(CreateEvent.INLINE_SEATS / 500 + 1, 500, "10.00");
        // ... and one on a venue's plan, which EventSeatsFunction reads (a Query of its chunks) to lay the seats out
        String venue = expect(api.post("/venues?format=pretix", admin,
                SamplePlans.hall("Arena", "ar", CreateEvent.INLINE_SEATS + 1)), 201).get("id").asText();
        Api.Response onPlan = api.postEventOnVenue(admin, venue, Api.orderedPrices("A", "90.00", "B", "60.00", "C", "40.00"),
                Map.of("name", "Arena night"));
        assertThat(onPlan.status()).as(onPlan.toString()).isEqualTo(202);
        api.awaitOnSale(onPlan.json().get("id").asText(), Duration.ofMinutes(1), seen -> { });

        // a hold by seat ids, replayed with its Idempotency-Key, read, released
        String alice = api.newUser("alice");
        Map<String, Object> seats = Map.of("seats", List.of("1-1", "1-2"));
        String aliceHold = expect(api.send("POST", "/events/" + event + "/holds", alice, seats,
                Map.of("Idempotency-Key", "alice-1")), 201).get("id").asText();
        expect(api.send("POST", "/events/" + event + "/holds", alice, seats, Map.of("Idempotency-Key", "alice-1")), 201);
        expect(api.get("/holds/" + aliceHold, alice), 200);
        expect(api.delete("/holds/" + aliceHold, alice), 204);

        // "2 together", paid with PayPal: webhook -> queue -> processor -> sale
        String bob = api.newUser("bob");
        String bobHold = expect(api.post("/events/" + event + "/holds", bob, Map.of("quantity", 2, "together", true)), 201)
                .get("id").asText();
        // a second run of the allocator brings its kept view forward from the seat-map projection's block items
        expect(api.post("/events/" + event + "/holds", api.newUser("dave"), Map.of("quantity", 2, "together", true)), 201);
        expect(api.get("/payment-providers", bob), 200);
        JsonNode bobPayment = payments.startPayPal(bobHold, bob);
        payments.approveAtPayPal(bobPayment.get("providerOrderId").asText());
        payments.awaitStatus(bobPayment.get("id").asText(), bob, "SUCCESS");
        expect(api.get("/me/tickets", bob), 200);
        // the door: its list of tickets (whole, then a delta) and its report
        String staff = stack.token("door-staff", java.util.List.of("staff"));
        expect(api.get("/events/" + event + "/checkin-list", staff), 200);
        expect(api.get("/events/" + event + "/checkin-list?since=0", staff), 200);
        expect(api.get("/events/" + event + "/checkin-report", staff), 200);

        // the organiser's sales report, and the sold tickets as CSV (written to the exports bucket: 303 to it)
        expect(api.get("/events/" + event + "/report", admin), 200);
        expect(api.get("/events/" + event + "/orders.csv", admin), 303);

        // a checkout the buyer gives up
        String carol = api.newUser("carol");
        String carolHold = payments.hold(event, carol, "3-1");
        JsonNode carolPayment = payments.startPayPal(carolHold, carol);
        expect(api.post("/payments/" + carolPayment.get("id").asText() + "/cancel", carol, Map.of()), 200);

        // a refund made at PayPal after the sale: the processor makes the payment REFUNDED
        JsonNode sold = payments.payment(bobPayment.get("id").asText(), bob);
        payments.paypalClient().refundCapture(sold.get("captureId").asText(), new BigDecimal(sold.get("amount").asText()),
                sold.get("currency").asText(), "refund-" + sold.get("id").asText());
        payments.awaitStatus(sold.get("id").asText(), bob, "REFUNDED");

        // approved after the hold (and its payment grace) expired and the seat went to someone else: FAILED
        String dave = api.newUser("dave");
        String daveHold = payments.hold(event, dave, "4-1");
        JsonNode davePayment = payments.startPayPal(daveHold, dave);
        CLOCK.advance(HOLD.plus(PaymentTiming.DEFAULTS.paymentGrace()).plusSeconds(1));
        payments.hold(event, api.newUser("erin"), "4-1");
        payments.approveAtPayPal(davePayment.get("providerOrderId").asText());
        payments.awaitStatus(davePayment.get("id").asText(), dave, "FAILED");

        // a capture PayPal held for review completes after the hold ran out and its seat went to someone else: the
        // processor's sale is refused, and it reads the seats again to say why before it refunds
        String late = api.createEvent(2, 4);
        String jade = api.newUser("jade");
        JsonNode jadePayment = payments.startPayPal(payments.hold(late, jade, "1-1"), jade);
        String jadeOrder = jadePayment.get("providerOrderId").asText();
        payments.approveWithCaptureInReview(jadeOrder);
        CLOCK.advance(HOLD.plus(PaymentTiming.DEFAULTS.paymentGrace()).plusSeconds(1));
        payments.hold(late, api.newUser("kate"), "1-1");
        payments.paypal().completeCapture(jadeOrder);
        await().atMost(PaymentsApi.DEADLINE).until(() -> payments.payment(jadePayment.get("id").asText(), jade).hasNonNull("refundId"));
        assertThat(payments.payment(jadePayment.get("id").asText(), jade).get("status").asText()).isEqualTo("FAILED");

        // a purchase whose webhooks are all lost, settled by reconciliation
        String henry = api.newUser("henry");
        JsonNode henryPayment = payments.startPayPal(payments.hold(event, henry, "3-6"), henry);
        payments.paypal().dropWebhooks(true);
        try {
            payments.approveAtPayPal(henryPayment.get("providerOrderId").asText());
            CLOCK.advance(PaymentTiming.DEFAULTS.reconcileAfter().plusSeconds(1));
            assertThat(payments.reconcile().found()).isPositive();
        } finally {
            payments.paypal().dropWebhooks(false);
        }
        payments.awaitStatus(henryPayment.get("id").asText(), henry, "SUCCESS");
        // ... and one never approved, which reconciliation ends FAILED together with its hold
        String ivan = api.newUser("ivan");
        JsonNode ivanPayment = payments.startPayPal(payments.hold(event, ivan, "2-6"), ivan);
        CLOCK.advance(HOLD.plus(PaymentTiming.DEFAULTS.paymentGrace()).plusSeconds(1));
        payments.reconcile();
        assertThat(payments.payment(ivanPayment.get("id").asText(), ivan).get("status").asText()).isEqualTo("FAILED");

        // a webhook naming an order nobody knows; then the same with no time left: it goes back on the queue (and is
        // handled like the first when it comes again)
        stack.invoke("PaymentProcessorFunction", EventLoader.loadSQSEvent("../events/sqs-payment-unknown-order.json"));
        SQSBatchResponse deferred = stack.invoke("PaymentProcessorFunction",
                EventLoader.loadSQSEvent("../events/sqs-payment-unknown-order.json"), 1_000);
        assertThat(deferred.getBatchItemFailures()).isEmpty();

        // the TTL stream trigger ends an expired hold
        String frankHold = payments.hold(event, api.newUser("frank"), "4-5");
        CLOCK.advance(HOLD.plusSeconds(1));
        StreamsEventResponse expired = stack.invoke("HoldExpiryFunction", ttlRemovalOf(frankHold));
        assertThat(expired.getBatchItemFailures()).isEmpty();

        // the sweeper ends another
        payments.hold(event, api.newUser("gina"), "4-6");
        CLOCK.advance(HOLD.plusSeconds(1));
        SweepReport swept = stack.invoke("ExpiredHoldSweepFunction", EventLoader.loadScheduledEvent("../events/sweep-schedule.json"));
        assertThat(swept.ended()).isPositive();

        // an event cancelled with a sale and an open hold: EventCancellationFunction ends the hold and refunds the sale
        String cancelled = api.createEvent(2, 4);
        String kim = api.newUser("kim");
        JsonNode kimPayment = payments.startPayPal(payments.hold(cancelled, kim, "1-1"), kim);
        payments.approveAtPayPal(kimPayment.get("providerOrderId").asText());
        payments.awaitStatus(kimPayment.get("id").asText(), kim, "SUCCESS");
        payments.hold(cancelled, api.newUser("leo"), "2-2");
        expect(api.post("/events/" + cancelled + "/cancel", admin, Map.of("reason", "called off")), 202);
        await().atMost(PaymentsApi.DEADLINE).until(() ->
                expect(api.get("/events/" + cancelled, admin), 200).get("cancellation").get("finished").asBoolean());
        payments.awaitStatus(kimPayment.get("id").asText(), kim, "REFUNDED");

        // a confirmation mail the mail server is down for: OrderMailFunction puts its retry off, and sends it once the
        // server is back; the tickets' PDF downloaded
        stack.mail().stop();
        String nina = api.newUser("nina");
        JsonNode ninaPayment = payments.startPayPal(payments.hold(api.createEvent(2, 4), nina, "1-1"), nina);
        payments.approveAtPayPal(ninaPayment.get("providerOrderId").asText());
        String ninasOrder = payments.awaitStatus(ninaPayment.get("id").asText(), nina, "SUCCESS").get("orderCode").asText();
        await().atMost(PaymentsApi.DEADLINE).until(() -> stack.dynamoDb().getItem(b -> b.tableName(stack.ref("Table"))
                .key(Map.of(Keys.PK, AttributeValue.fromS("ORDER#" + ninasOrder), Keys.SK, AttributeValue.fromS("META"))))
                .item().containsKey("mail_error"));
        stack.mail().start();
        await().atMost(PaymentsApi.DEADLINE).until(() -> stack.mail().messages().stream()
                .anyMatch(mail -> subjectEndsWith(mail, ninasOrder)));
        assertThat(api.download("/orders/" + ninasOrder + ".pdf", nina).status()).isEqualTo(200);
    }

    private static boolean subjectEndsWith(jakarta.mail.internet.MimeMessage mail, String end) {
        try {
            return mail.getSubject() != null && mail.getSubject().endsWith(end);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private static JsonNode expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json();
    }

    /** The sample TTL REMOVE of events/, naming this hold's lease. */
    private static DynamodbEvent ttlRemovalOf(String holdId) {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("../events/hold-lease-ttl-remove.json");
        var change = event.getRecords().get(0).getDynamodb();
        var pk = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(Keys.hold(holdId));
        change.getKeys().put(Keys.PK, pk);
        change.getOldImage().put(Keys.PK, pk);
        return event;
    }

}
