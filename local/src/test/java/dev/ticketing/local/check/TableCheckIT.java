package dev.ticketing.local.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.store.Keys;
import dev.ticketing.testing.TestClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checker's rules about refunds and cancellations ({@link TableCheck}) on a stack of the test's own (the check
 * reads the whole table): a cancelled event whose sales were refunded through the mock PayPal passes; then each
 * forgery of what a second refund would leave makes it fail, naming the payment or the event, and undoing it makes it
 * pass again: a second refund recorded on top of the first ({@code refunded_amount} twice the amount), a REFUNDED
 * payment with a ticket still PAID, a page of the cancellation counted again, a hold left ACTIVE on the cancelled
 * event.
 */
class TableCheckIT {
    private static LocalSystem stack;
    private static PaymentsApi payments;
    private static Api api;
    private static String event;
    private static JsonNode refunded;

    @BeforeAll
    static void aCancelledEventWhoseSalesWereRefunded() throws Exception {
        stack = TestStack.startOwn(new TestClock());
        api = new Api(stack);
        payments = new PaymentsApi(api, stack);
        event = api.createEvent(4, 5);
        String alice = api.newUser("alice");
        JsonNode alicePaid = payments.sellWithPayPal(payments.hold(event, alice, "1-1", "1-2"), alice);
        String bob = api.newUser("bob");
        payments.sellWithPayPal(payments.hold(event, bob, "3-5"), bob);
        Api.Response cancelled = api.post("/events/" + event + "/cancel", api.admin(), Map.of("reason", "Checked"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        JsonNode done = api.awaitCancellationFinished(event, Duration.ofSeconds(60));
        assertThat(done.get("refunded").asInt()).isEqualTo(3);
        refunded = payments.awaitStatus(alicePaid.get("id").asText(), alice, "REFUNDED");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCancelledEventWhoseSalesWereEachRefundedOncePasses() {
        assertThat(check()).isEmpty();
    }

    @Test
    void aSecondRefundRecordedOnTopOfTheFirstIsAPaymentRefundedTwice() {
        String paymentId = refunded.get("id").asText();
        BigDecimal amount = new BigDecimal(refunded.get("amount").asText());
        Map<String, AttributeValue> key = key(Keys.payment(paymentId), Keys.META);
        forge(key, "refunded_amount", AttributeValue.fromS(amount.add(amount).toPlainString()));
        try {
            assertThat(check()).containsExactly(new Violation("payment-refunded-twice", "payment " + paymentId + " of "
                    + amount.toPlainString() + " EUR records " + amount.add(amount).toPlainString() + " EUR refunded"));
        } finally {
            forge(key, "refunded_amount", AttributeValue.fromS(amount.toPlainString()));
        }
        assertThat(check()).isEmpty();
    }

    @Test
    void aRefundedPaymentWithATicketStillPaidIsAPaymentRefundedTwice() {
        String holdId = refunded.get("holdId").asText();
        String ticketId = ticketOf(holdId);
        Map<String, AttributeValue> key = key(Keys.hold(holdId), Keys.ticket(ticketId));
        forge(key, "status", AttributeValue.fromS("PAID"));
        try {
            assertThat(check()).containsExactly(new Violation("payment-refunded-twice", "payment "
                    + refunded.get("id").asText() + " is REFUNDED but its ticket " + ticketId + " of hold " + holdId
                    + " is still PAID"));
        } finally {
            forge(key, "status", AttributeValue.fromS("CANCELLED"));
        }
        assertThat(check()).isEmpty();
    }

    @Test
    void aPageCountedAgainBreaksTheCancellationsCounts() {
        // as if the page of rows 1-2 had been recorded a second time under another key
        Map<String, AttributeValue> key = key(Keys.event(event), "CANCEL#PAGE#00099");
        stack.dynamoDb().putItem(b -> b.tableName(table()).item(Map.of("pk", key.get("pk"), "sk", key.get("sk"),
                "refunded", AttributeValue.fromN("2"), "failed", AttributeValue.fromN("0"),
                "at", AttributeValue.fromS("2027-01-01T00:00:00.000Z"))));
        try {
            assertThat(check()).extracting(Violation::code).containsOnly("cancellation-counts").hasSize(2);
            assertThat(check()).first().extracting(Violation::detail).asString()
                    .contains("counts 5 ticket(s) refunded but has 3 sold seat(s) whose payment is REFUNDED");
        } finally {
            stack.dynamoDb().deleteItem(b -> b.tableName(table()).key(key));
        }
        assertThat(check()).isEmpty();
    }

    @Test
    void aHoldLeftActiveOnACancelledEventOnceItsCancellationIsDone() {
        String holdId = refunded.get("holdId").asText();
        Map<String, AttributeValue> key = key(Keys.hold(holdId), Keys.META);
        Map<String, AttributeValue> before = stack.dynamoDb().getItem(b -> b.tableName(table()).key(key)
                .consistentRead(true)).item();
        // the refunded sale's hold, as if it had been ACTIVE (with a payment not yet captured) and nothing ended it
        stack.dynamoDb().putItem(b -> b.tableName(table()).item(withActive(before)));
        try {
            assertThat(check()).filteredOn(violation -> violation.code().equals("cancelled-event-active-hold"))
                    .singleElement().extracting(Violation::detail).asString()
                    .contains("hold " + holdId + " is still ACTIVE");
        } finally {
            stack.dynamoDb().putItem(b -> b.tableName(table()).item(before));
        }
        assertThat(check()).isEmpty();
    }

    private static Map<String, AttributeValue> withActive(Map<String, AttributeValue> hold) {
        Map<String, AttributeValue> active = new java.util.HashMap<>(hold);
        active.put("status", AttributeValue.fromS("ACTIVE"));
        active.put("expires_at", AttributeValue.fromN(String.valueOf(System.currentTimeMillis() + 3_600_000)));
        active.remove("payment_id");
        return active;
    }

    private static List<Violation> check() {
        return new TableCheck(stack.dynamoDb(), table(), Clock.systemUTC()).run().violations();
    }

    private static String ticketOf(String holdId) {
        return stack.dynamoDb().query(b -> b.tableName(table()).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :ticket)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.hold(holdId)),
                                ":ticket", AttributeValue.fromS(Keys.ticket("")))))
                .items().get(0).get("sk").s().substring(Keys.ticket("").length());
    }

    private static void forge(Map<String, AttributeValue> key, String attribute, AttributeValue value) {
        stack.dynamoDb().updateItem(b -> b.tableName(table()).key(key).updateExpression("SET #a = :v")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#a", attribute)).expressionAttributeValues(Map.of(":v", value)));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static String table() {
        return stack.ref("Table");
    }
}
