package dev.ticketing.local.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.cardcheckout.MockCardCheckout;
import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.paypal.MockPayPal;
import dev.ticketing.local.paypal.SentWebhook;
import dev.ticketing.local.triggers.SqsEventSourcePoller;
import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalConfig;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The checkout as a client and a buyer go through it: pay for a hold, approve at the provider, watch the payment. */
public final class PaymentsApi {
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Api api;
    private final LocalSystem stack;

    public PaymentsApi(Api api, LocalSystem stack) {
        this.api = api;
        this.stack = stack;
    }

    public Api api() {
        return api;
    }

    public MockPayPal paypal() {
        return stack.payments().paypal();
    }

    public MockCardCheckout card() {
        return stack.payments().cardCheckout();
    }

    /** The real PayPal client with the local stack's credentials, as a merchant-side tool would use it. */
    public PayPalClient paypalClient() {
        return new PayPalClient(new PayPalConfig(paypal().baseUrl(), LocalPayments.PAYPAL_CLIENT_ID,
                LocalPayments.PAYPAL_CLIENT_SECRET, LocalPayments.PAYPAL_WEBHOOK_ID), TestStack.clock());
    }

    /** Holds the seats and answers the hold id. */
    public String hold(String eventId, String token, String... seats) {
        Api.Response held = api.hold(eventId, token, seats);
        if (held.status() != 201) {
            throw new AssertionError("not held: " + held);
        }
        return held.json().get("id").asText();
    }

    /** The buyer every test's checkout names (required by {@code POST /holds/{id}/payments}). */
    public static final Map<String, Object> BUYER = Map.of("name", "Test Buyer", "email", "buyer@example.com");

    /** The body of a checkout with {@code provider} and {@link #BUYER}. */
    public static Map<String, Object> checkout(String provider) {
        return Map.of("provider", provider, "buyer", BUYER);
    }

    public Api.Response pay(String holdId, String token, String provider) {
        return api.post("/holds/" + holdId + "/payments", token, checkout(provider));
    }

    public Api.Response pay(String holdId, String token, String provider, String idempotencyKey) {
        return api.send("POST", "/holds/" + holdId + "/payments", token, checkout(provider),
                Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Starts a PayPal payment and answers it (201 asserted). */
    public JsonNode startPayPal(String holdId, String token) {
        Api.Response started = pay(holdId, token, "PAYPAL");
        if (started.status() != 201) {
            throw new AssertionError("payment not started: " + started);
        }
        return started.json();
    }

    /** The hold paid for with PayPal: started, approved at the mock, SUCCESS; the payment as it is then. */
    public JsonNode sellWithPayPal(String holdId, String buyer) {
        JsonNode payment = startPayPal(holdId, buyer);
        approveAtPayPal(payment.get("providerOrderId").asText());
        return awaitStatus(payment.get("id").asText(), buyer, "SUCCESS");
    }

    /** The buyer approves at the mock PayPal, as a script does ({@code POST /mock-paypal/orders/{id}/approve}). */
    public void approveAtPayPal(String orderId) {
        Api.Response approved = api.post(LocalPayments.PAYPAL_PATH + "/orders/" + orderId + "/approve", null, "");
        if (approved.status() != 200) {
            throw new AssertionError("not approved: " + approved);
        }
    }

    /**
     * The buyer approves at the mock PayPal, which holds the capture asked for then for review: the order COMPLETED
     * with its capture PENDING and no webhook, until {@link MockPayPal#completeCapture}. Returns once the capture exists
     * and the payments queue is drained.
     */
    public void approveWithCaptureInReview(String orderId) {
        paypal().pendingCaptures(true);
        try {
            approveAtPayPal(orderId);
            await().atMost(DEADLINE).until(() -> paypalOrder(orderId).captureId() != null);
            awaitQueueDrained();
        } finally {
            paypal().pendingCaptures(false);
        }
    }

    public void cancelAtPayPal(String orderId) {
        Api.Response cancelled = api.post(LocalPayments.PAYPAL_PATH + "/orders/" + orderId + "/cancel", null, "");
        if (cancelled.status() != 200) {
            throw new AssertionError("not cancelled: " + cancelled);
        }
    }

    public JsonNode payment(String paymentId, String token) {
        Api.Response read = api.get("/payments/" + paymentId, token);
        if (read.status() != 200) {
            throw new AssertionError("payment not read: " + read);
        }
        return read.json();
    }

    /** Polls the payment (as a client would) until it has {@code status}. */
    public JsonNode awaitStatus(String paymentId, String token, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(payment(paymentId, token));
            return status.equals(last.get().get("status").asText());
        });
        return last.get();
    }

    /** Runs the hold sweeper once, as its schedule would. */
    public void sweep() {
        stack.invoke("ExpiredHoldSweepFunction",
                com.amazonaws.services.lambda.runtime.tests.EventLoader.loadScheduledEvent("../events/sweep-schedule.json"));
    }

    /** Runs payment reconciliation once, as its schedule would; answers its report. */
    public dev.ticketing.payments.model.ReconcileReport reconcile() {
        return stack.invoke("PaymentReconcileFunction",
                com.amazonaws.services.lambda.runtime.tests.EventLoader.loadScheduledEvent("../events/sweep-schedule.json"));
    }

    /** The order as the mock PayPal has it now. */
    public dev.ticketing.payments.provider.paypal.PayPalOrder paypalOrder(String orderId) {
        return paypalClient().getOrder(orderId);
    }

    public JsonNode hold(String holdId, String token) {
        return api.get("/holds/" + holdId, token).json();
    }

    /** The caller's tickets of one hold. */
    public List<JsonNode> tickets(String token, String holdId) {
        Api.Response mine = api.get("/me/tickets", token);
        if (mine.status() != 200) {
            throw new AssertionError("tickets not read: " + mine);
        }
        List<JsonNode> tickets = new java.util.ArrayList<>();
        mine.json().get("tickets").forEach(ticket -> {
            if (holdId.equals(ticket.path("holdId").asText())) {
                tickets.add(ticket);
            }
        });
        return tickets;
    }

    /** The webhook events the mock PayPal emitted about an order (approval, capture) or its capture (refund). */
    public List<SentWebhook> paypalWebhooks(String orderId, String captureId) {
        return paypal().sentWebhooks().stream()
                .filter(sent -> orderId.equals(sent.event().orderId())
                        || captureId != null && captureId.equals(sent.event().captureId()))
                .toList();
    }

    public List<SentWebhook> paypalWebhooks(String orderId, String captureId, String eventType) {
        return paypalWebhooks(orderId, captureId).stream().filter(sent -> sent.eventType().equals(eventType)).toList();
    }

    /** How many refunds the mock PayPal made of a payment's capture (one PAYMENT.CAPTURE.REFUNDED webhook each). */
    public long refundsAtPayPal(JsonNode payment) {
        return paypalWebhooks(payment.get("providerOrderId").asText(), payment.get("captureId").asText(),
                "PAYMENT.CAPTURE.REFUNDED").size();
    }

    /** Waits until the mock PayPal has delivered (2xx) the order's event of this type, and answers it. */
    public SentWebhook awaitPayPalWebhook(String orderId, String eventType) {
        AtomicReference<SentWebhook> found = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            paypalWebhooks(orderId, null, eventType).stream().filter(SentWebhook::delivered).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    public String queueUrl() {
        return stack.ref("PaymentsQueue");
    }

    public String deadLetterQueueUrl() {
        return stack.ref("PaymentsDeadLetterQueue");
    }

    /** Waits until the payments queue has nothing left, visible or in flight: every message was processed. */
    public void awaitQueueDrained() {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<QueueAttributeName, String> counts = stack.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return counts.values().stream().allMatch("0"::equals);
        });
    }

    /** Takes up to 10 messages of the payments queue (for tests that pause the poller), hidden for {@code hidden}. */
    public List<Message> receive(Duration hidden) {
        return stack.sqs().receiveMessage(b -> b.queueUrl(queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)
                .visibilityTimeout((int) hidden.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** Ends the visibility timeout of received messages now, as if it had run out: SQS delivers them again. */
    public void makeVisible(List<Message> messages) {
        for (Message message : messages) {
            stack.sqs().changeMessageVisibility(b -> b.queueUrl(queueUrl()).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
    }

    /** The Lambda event the event source mapping would build for these messages. */
    public SQSEvent sqsEvent(List<Message> messages) {
        return SqsEventSourcePoller.toEvent(stack.sqsPoller().mappings().get(0), messages);
    }

    public SQSBatchResponse invokeProcessor(SQSEvent event) {
        return stack.invoke("PaymentProcessorFunction", event);
    }

    public SqsEventSourcePoller poller() {
        return stack.sqsPoller();
    }

    public LocalSystem stack() {
        return stack;
    }
}
