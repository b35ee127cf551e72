package dev.ticketing.local.http;

import dev.ticketing.input.RequestLimits;
import dev.ticketing.problems.ProblemDetails;
import dev.ticketing.problems.RequestTooLargeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps slow or many clients from starving the local front, at the front door of its Jetty handlers. Jetty reads
 * heads and (through the eager content handler after this one) bodies without holding a thread, so a slow client
 * holds only its connection; this bounds those:
 * <ul>
 *   <li>a request's head must arrive within {@link #readTimeout} of its first byte, and its body within
 *       {@link #readTimeout} of the head's end, else its connection is closed (a client sending one byte every few
 *       seconds is never idle, so the idle timeout alone would keep it);</li>
 *   <li>a request that arrives while more than {@link #maxConnections} connections are open is answered
 *       {@code 503} problem+json and its connection closed;</li>
 *   <li>a body whose {@code Content-Length} is over its route's {@link RequestLimits#maxBodyBytes} is answered {@code 413}
 *       before any of it is read.</li>
 * </ul>
 * Jetty tells it of every connection ({@link Connection.Listener}, as a bean of the connector); a sweep each second
 * closes the connections past their deadline. Deadlines use {@link System#nanoTime()}: network timeouts, not business
 * time, and immune to clock steps.
 */
final class SlowClients extends Handler.Wrapper implements Connection.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClients.class);

    private enum Phase { AWAITING_HEAD, READING_BODY, HANDLING }

    /** One connection's request in progress. */
    private static final class Watch {
        volatile Phase phase = Phase.AWAITING_HEAD;
        /** When the phase began (nanoTime). */
        volatile long since;
        /** For AWAITING_HEAD: the connection's bytes in when it began, and when the sweep first saw more (or -1). */
        volatile long bytesAtStart;
        volatile long firstByteSeen = -1;

        Watch(long now) {
            since = now;
        }

        void phase(Phase next, long now, long bytesIn) {
            bytesAtStart = bytesIn;
            firstByteSeen = -1;
            since = now;
            phase = next;
        }
    }

    private final Duration readTimeout;
    private final int maxConnections;
    private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "http-front-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    SlowClients(Duration readTimeout, int maxConnections) {
        this.readTimeout = readTimeout;
        this.maxConnections = maxConnections;
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** The handler to put after the body reading: it marks a request whose body is in as being handled. */
    Handler bodyRead(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Connection connection = request.getConnectionMetaData().getConnection();
                if (!connection.getEndPoint().isOpen()) {
                    // cut while its body came in (or the client left): nobody is there to answer
                    callback.failed(new java.nio.channels.ClosedChannelException());
                    return true;
                }
                JdkExchanges.keep(request);
                Watch watch = open.get(connection);
                if (watch != null) {
                    watch.phase(Phase.HANDLING, System.nanoTime(), 0);
                }
                return super.handle(request, response, callback);
            }
        };
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Watch(System.nanoTime()));
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        if (open.size() > maxConnections) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            ProblemResponses.write(response, callback, ProblemDetails.titled(503, "Service Unavailable",
                    "The local front has " + maxConnections + " connections open, its most; please try again"));
            return true;
        }
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        int limit = RequestLimits.maxBodyBytes(request.getMethod(), request.getHttpURI().getPath());
        if (declared > limit) {
            // the body is not read: the connection cannot carry another request
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            ProblemResponses.write(response, callback, ProblemDetails.of(RequestTooLargeException.body(limit)));
            return true;
        }
        Watch watch = open.get(connection);
        if (watch == null) {
            return super.handle(request, response, callback);
        }
        watch.phase(Phase.READING_BODY, System.nanoTime(), 0);
        return super.handle(request, response, new Callback.Nested(callback) {
            // the next request's head may follow at once on this connection: mark before the answer completes
            @Override
            public void succeeded() {
                watch.phase(Phase.AWAITING_HEAD, System.nanoTime(), connection.getBytesIn());
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                watch.phase(Phase.AWAITING_HEAD, System.nanoTime(), connection.getBytesIn());
                super.failed(failure);
            }
        });
    }

    private void sweep() {
        long now = System.nanoTime();
        long timeout = readTimeout.toNanos();
        AtomicLong cut = new AtomicLong();
        open.forEach((connection, watch) -> {
            try {
                boolean late = switch (watch.phase) {
                    case AWAITING_HEAD -> {
                        if (watch.firstByteSeen < 0) {
                            if (connection.getBytesIn() > watch.bytesAtStart) {
                                watch.firstByteSeen = now;
                            }
                            yield false;
                        }
                        yield now - watch.firstByteSeen > timeout;
                    }
                    case READING_BODY -> now - watch.since > timeout;
                    case HANDLING -> false;
                };
                if (late) {
                    cut.incrementAndGet();
                    LOG.debug("closing {}: its request's {} took over {}", connection.getEndPoint().getRemoteSocketAddress(),
                            watch.phase == Phase.AWAITING_HEAD ? "head" : "body", readTimeout);
                    open.remove(connection);
                    connection.getEndPoint().close();
                }
            } catch (RuntimeException e) {
                LOG.warn("deadline check failed for {}", connection, e);
            }
        });
        if (cut.get() > 0) {
            LOG.info("closed {} connections that sent a request's head or body in more than {}", cut.get(), readTimeout);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
