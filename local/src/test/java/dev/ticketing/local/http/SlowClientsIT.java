package dev.ticketing.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.local.testing.TestStack;
import dev.ticketing.local.LocalSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and many clients do not starve the local front (issue 24): while 500 connections send a request one header
 * line or one body byte every two seconds, a GET and a webhook POST are answered as usual; the slow connections are
 * closed once {@link HttpFront#READ_TIMEOUT} has passed; beyond {@link HttpFront#MAX_CONNECTIONS} open connections a
 * request is answered 503. Its own stack, so the 500 connections slow no other test.
 */
class SlowClientsIT {
    private static final int SLOW_CLIENTS = 500;
    /** A normal request's deadline: far above its usual few milliseconds, far below the read timeout. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROMPTLY).build();

    private static LocalSystem stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSystem.start(TestStack.options(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A connection that sends its request a little at a time, and notices when the front has closed it. */
    private static final class SlowClient {
        private final Socket socket;
        private final OutputStream out;
        private final boolean inTheBody;
        private int sent;
        private boolean closed;

        SlowClient(URI base, boolean inTheBody) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(1);
            out = socket.getOutputStream();
            this.inTheBody = inTheBody;
            String head = "POST /webhooks/paypal HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
            write(inTheBody ? head + "Content-Length: 1000\r\n\r\n{" : head);
        }

        /** One more header line or body byte; false once the front has closed the connection. */
        boolean trickle() {
            if (!closed) {
                write(inTheBody ? "\"" : "X-Slow-" + sent++ + ": x\r\n");
                try {
                    closed = closed || socket.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing came back: the front still waits for the rest
                } catch (IOException reset) {
                    closed = true;
                }
            }
            return !closed;
        }

        private void write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                closed = true;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing what the front may have closed already
            }
        }
    }

    @Test
    void fiveHundredSlowClientsDoNotStarveTheFrontAndAreCut() throws Exception {
        URI base = stack.baseUrl();
        List<SlowClient> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(new SlowClient(base, i % 2 == 1));
            }
            long opened = System.nanoTime();
            // the front answers as usual while all of them are open and sending
            for (int round = 0; round < 3; round++) {
                HttpResponse<String> events = send(HttpRequest.newBuilder(base.resolve("/events")).GET());
                assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
                HttpResponse<String> webhook = send(HttpRequest.newBuilder(base.resolve("/webhooks/paypal"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"priming\":true}")));
                assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(400); // read and refused: not an event
                assertThat(webhook.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                Thread.sleep(2_000);
                assertThat(slow.stream().filter(SlowClient::trickle).count()).as("slow clients still open")
                        .isEqualTo(SLOW_CLIENTS);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("the above ran within the read timeout")
                    .isLessThan(HttpFront.READ_TIMEOUT);
            // then the front closes each of them, one header line or body byte at a time being too slow
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> slow.stream().filter(SlowClient::trickle).count() == 0);
            assertThat(send(HttpRequest.newBuilder(base.resolve("/events")).GET()).statusCode()).isEqualTo(200);
        } finally {
            slow.forEach(SlowClient::close);
        }
    }

    @Test
    void aRequestBeyondTheConnectionLimitIsAnswered503() throws Exception {
        URI base = stack.baseUrl();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < HttpFront.MAX_CONNECTIONS; i++) {
                idle.add(new Socket(base.getHost(), base.getPort()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    send(HttpRequest.newBuilder(base.resolve("/events")).GET()).statusCode() == 503);
            HttpResponse<String> refused = send(HttpRequest.newBuilder(base.resolve("/events")).GET());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("\"status\":503");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                send(HttpRequest.newBuilder(base.resolve("/events")).GET()).statusCode() == 200);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(PROMPTLY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
