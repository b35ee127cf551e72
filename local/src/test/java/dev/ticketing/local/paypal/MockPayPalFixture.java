package dev.ticketing.local.paypal;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.payments.provider.paypal.PayPalClient;
import dev.ticketing.payments.provider.paypal.PayPalConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A JDK HttpServer on a free loopback port with the mock at /mock-paypal and a {@link WebhookReceiver} at
 * /webhooks, the way the local stack mounts them; the real {@link PayPalClient} talks to it over HTTP.
 */
final class MockPayPalFixture implements AutoCloseable {
    static final String CLIENT_ID = "ticketing-local";
    static final String CLIENT_SECRET = "local-secret";
    static final String WEBHOOK_ID = "WH0LOCAL0TICKETING";

    final MockPayPal paypal;
    final WebhookReceiver receiver = new WebhookReceiver();
    final URI baseUrl;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MockPayPalFixture(UnaryOperator<MockPayPal.Builder> customise) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        baseUrl = URI.create(root + "/mock-paypal");
        paypal = customise.apply(MockPayPal.builder()
                        .basePath("/mock-paypal")
                        .publicBaseUrl(baseUrl)
                        .credentials(CLIENT_ID, CLIENT_SECRET)
                        .webhookId(WEBHOOK_ID)
                        .webhookUrl(URI.create(root + "/webhooks")))
                .build();
        server.createContext("/mock-paypal", paypal);
        server.createContext("/webhooks", receiver);
        server.setExecutor(executor);
        server.start();
    }

    static MockPayPalFixture start() {
        return new MockPayPalFixture(UnaryOperator.identity());
    }

    static MockPayPalFixture start(UnaryOperator<MockPayPal.Builder> customise) {
        return new MockPayPalFixture(customise);
    }

    PayPalConfig config() {
        return new PayPalConfig(baseUrl, CLIENT_ID, CLIENT_SECRET, WEBHOOK_ID);
    }

    PayPalClient client() {
        return new PayPalClient(config());
    }

    PayPalClient client(Clock clock) {
        return new PayPalClient(config(), clock);
    }

    /** POSTs to a path under the mock without any credentials, as a buyer's browser or a test script does. */
    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        paypal.close();
    }
}
