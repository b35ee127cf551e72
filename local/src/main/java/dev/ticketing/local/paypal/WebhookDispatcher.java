package dev.ticketing.local.paypal;

import dev.ticketing.payments.provider.paypal.PayPalWebhookHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed webhook events to the listener from its own threads, never inside the API call that caused
 * them, and retries a failed POST (non-2xx, or no connection) after each of {@code retryDelays} in turn, as
 * PayPal keeps retrying an unhappy listener. Every POST is a new transmission: new transmission id and time,
 * new signature, same event body.
 */
final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI webhookUrl;
    private final String webhookId;
    private final WebhookSigner signer;
    private final Clock clock;
    private final List<Duration> retryDelays;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final Map<String, Event> events = new ConcurrentHashMap<>();
    private final List<Event> inOrder = new CopyOnWriteArrayList<>();

    WebhookDispatcher(URI webhookUrl, String webhookId, WebhookSigner signer, Clock clock, List<Duration> retryDelays) {
        this.webhookUrl = webhookUrl;
        this.webhookId = webhookId;
        this.signer = signer;
        this.clock = clock;
        this.retryDelays = List.copyOf(retryDelays);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "mock-paypal-webhooks-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Records the event now (so it is listed before the caller's answer goes out) and delivers it later. */
    void send(String eventId, String eventType, String body) {
        Event event = new Event(eventId, eventType, body);
        events.put(eventId, event);
        inOrder.add(event);
        if (!dropping) {
            deliver(event);
        }
    }

    /** While on, events are recorded but never delivered: webhooks lost on the way, for reconciliation tests. */
    void drop(boolean drop) {
        this.dropping = drop;
    }

    private volatile boolean dropping;

    /** Delivers an earlier event again, as PayPal's "resend": the listener sees the same event id twice. */
    void redeliver(String eventId) {
        Event event = events.get(eventId);
        if (event == null) {
            throw new IllegalArgumentException("no webhook event " + eventId);
        }
        deliver(event);
    }

    List<SentWebhook> sent() {
        List<SentWebhook> sent = new ArrayList<>();
        for (Event event : inOrder) {
            sent.add(new SentWebhook(event.id, event.type, event.body, event.attempts));
        }
        return sent;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Event event) {
        if (webhookUrl == null) {
            LOG.info("webhook {} {} not delivered: no listener configured", event.type, event.id);
            return;
        }
        schedule(() -> attempt(event, 0), Duration.ZERO);
    }

    private void attempt(Event event, int retriesSoFar) {
        WebhookAttempt attempt = post(event);
        event.attempts.add(attempt);
        if (attempt.succeeded()) {
            LOG.debug("webhook {} {} delivered ({})", event.type, event.id, attempt.status());
            return;
        }
        if (retriesSoFar >= retryDelays.size()) {
            LOG.warn("webhook {} {} given up after {} attempts", event.type, event.id, retriesSoFar + 1);
            return;
        }
        Duration delay = retryDelays.get(retriesSoFar);
        LOG.info("webhook {} {} failed ({}), retrying in {}", event.type, event.id,
                attempt.status() == 0 ? attempt.error() : attempt.status(), delay);
        schedule(() -> attempt(event, retriesSoFar + 1), delay);
    }

    private WebhookAttempt post(Event event) {
        String transmissionId = UUID.randomUUID().toString();
        var now = clock.instant();
        String transmissionTime = MockOrder.time(now);
        byte[] body = event.body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(PayPalWebhookHeaders.TRANSMISSION_ID, transmissionId)
                .header(PayPalWebhookHeaders.TRANSMISSION_TIME, transmissionTime)
                .header(PayPalWebhookHeaders.TRANSMISSION_SIG, signer.sign(transmissionId, transmissionTime, webhookId, body))
                .header(PayPalWebhookHeaders.CERT_URL, signer.certUrl().toString())
                .header(PayPalWebhookHeaders.AUTH_ALGO, PayPalWebhookHeaders.SHA256_WITH_RSA)
                .header("PAYPAL-AUTH-VERSION", "v2")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new WebhookAttempt(transmissionId, now, response.statusCode(), null);
        } catch (IOException e) {
            return new WebhookAttempt(transmissionId, now, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookAttempt(transmissionId, now, 0, "interrupted");
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("mock PayPal closed, webhook not scheduled");
        }
    }

    private static final class Event {
        private final String id;
        private final String type;
        private final String body;
        private final List<WebhookAttempt> attempts = new CopyOnWriteArrayList<>();

        private Event(String id, String type, String body) {
            this.id = id;
            this.type = type;
            this.body = body;
        }
    }
}
