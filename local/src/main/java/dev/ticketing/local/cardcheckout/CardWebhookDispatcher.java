package dev.ticketing.local.cardcheckout;

import dev.ticketing.payments.provider.card.CheckoutSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed events to the listener from its own threads, retrying a failed POST (non-2xx, no connection)
 * after each of the delays. Every attempt is signed afresh ({@code t} is the time of that attempt), so a
 * recorded delivery replayed later falls outside the listener's tolerance.
 */
final class CardWebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CardWebhookDispatcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One emitted event and the HTTP status of each delivery attempt (0: no connection). */
    record Sent(String eventId, String type, String body, List<Integer> attempts) {
        boolean delivered() {
            return attempts.stream().anyMatch(status -> status / 100 == 2);
        }
    }

    private final URI webhookUrl;
    private final CheckoutSignature signature;
    private final List<Duration> retryDelays;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "mock-card-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Sent> events = new ConcurrentHashMap<>();
    private final List<Sent> inOrder = new CopyOnWriteArrayList<>();

    CardWebhookDispatcher(URI webhookUrl, CheckoutSignature signature, List<Duration> retryDelays) {
        this.webhookUrl = webhookUrl;
        this.signature = signature;
        this.retryDelays = List.copyOf(retryDelays);
    }

    void send(String eventId, String type, String body) {
        Sent sent = new Sent(eventId, type, body, new CopyOnWriteArrayList<>());
        events.put(eventId, sent);
        inOrder.add(sent);
        schedule(sent, 0, Duration.ZERO);
    }

    void redeliver(String eventId) {
        Sent sent = events.get(eventId);
        if (sent == null) {
            throw new IllegalArgumentException("no webhook event " + eventId);
        }
        schedule(sent, 0, Duration.ZERO);
    }

    List<Sent> sent() {
        return List.copyOf(inOrder);
    }

    private void schedule(Sent sent, int retriesSoFar, Duration delay) {
        if (webhookUrl == null) {
            return;
        }
        try {
            executor.schedule(() -> attempt(sent, retriesSoFar), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("mock card checkout closed, webhook not scheduled");
        }
    }

    private void attempt(Sent sent, int retriesSoFar) {
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(webhookUrl).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(CheckoutSignature.HEADER, signature.header(sent.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(sent.body()))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        sent.attempts().add(status);
        if (status / 100 == 2) {
            return;
        }
        if (retriesSoFar >= retryDelays.size()) {
            LOG.warn("card webhook {} {} given up after {} attempts", sent.type(), sent.eventId(), retriesSoFar + 1);
            return;
        }
        LOG.info("card webhook {} {} failed ({}), retrying", sent.type(), sent.eventId(), status);
        schedule(sent, retriesSoFar + 1, retryDelays.get(retriesSoFar));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
