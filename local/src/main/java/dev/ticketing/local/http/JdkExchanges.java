package dev.ticketing.local.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * The first filter of every context of the front: Jetty's bridge to the JDK's {@code HttpServer} API (jetty-http-spi
 * 12.1) made to behave as the JDK's own server, which the handlers are written to.
 * <ul>
 *   <li>The request headers as the client sent them: the bridge splits every value at commas and throws, in the
 *       handler, on a value that is no valid comma list, such as an {@code If-None-Match} of random text, which API
 *       Gateway hands a function as it came. {@link #keep} puts Jetty's headers where this filter finds them.</li>
 *   <li>The answer is closed once, when the handler is done: the bridge completes the request when the handler
 *       returns and closes the exchange only after, a second write of "the end" that, on a keep-alive connection
 *       whose client already sent its next request, lands in that request's answer.</li>
 * </ul>
 */
final class JdkExchanges extends Filter {
    private static final String ATTRIBUTE = JdkExchanges.class.getName();

    /** Keeps {@code request}'s headers for this filter (Jetty's request attributes are the exchange's). */
    static void keep(Request request) {
        request.setAttribute(ATTRIBUTE, request.getHeaders());
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        exchange.setStreams(null, new ClosedOnce(exchange.getResponseBody()));
        Headers headers = new Headers();
        if (exchange.getAttribute(ATTRIBUTE) instanceof HttpFields fields) {
            for (HttpField field : fields) {
                headers.add(field.getName(), field.getValue() == null ? "" : field.getValue());
            }
        }
        try (HttpExchange withHeaders = new WithHeaders(exchange, headers)) {
            chain.doFilter(withHeaders);
        }
    }

    @Override
    public String description() {
        return "the exchange as the JDK's server gives it";
    }

    /** An answer's stream whose second close does nothing, as the JDK server's. */
    private static final class ClosedOnce extends java.io.FilterOutputStream {
        private boolean closed;

        ClosedOnce(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                super.close();
            }
        }
    }

    /** {@code exchange} with {@code headers} as its request headers. */
    private static final class WithHeaders extends HttpExchange {
        private final HttpExchange exchange;
        private final Headers headers;

        WithHeaders(HttpExchange exchange, Headers headers) {
            this.exchange = exchange;
            this.headers = headers;
        }

        @Override
        public Headers getRequestHeaders() {
            return headers;
        }

        @Override
        public Headers getResponseHeaders() {
            return exchange.getResponseHeaders();
        }

        @Override
        public URI getRequestURI() {
            return exchange.getRequestURI();
        }

        @Override
        public String getRequestMethod() {
            return exchange.getRequestMethod();
        }

        @Override
        public HttpContext getHttpContext() {
            return exchange.getHttpContext();
        }

        @Override
        public void close() {
            exchange.close();
        }

        @Override
        public InputStream getRequestBody() {
            return exchange.getRequestBody();
        }

        @Override
        public OutputStream getResponseBody() {
            return exchange.getResponseBody();
        }

        @Override
        public void sendResponseHeaders(int status, long length) throws IOException {
            exchange.sendResponseHeaders(status, length);
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return exchange.getRemoteAddress();
        }

        @Override
        public int getResponseCode() {
            return exchange.getResponseCode();
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return exchange.getLocalAddress();
        }

        @Override
        public String getProtocol() {
            return exchange.getProtocol();
        }

        @Override
        public Object getAttribute(String name) {
            return exchange.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            exchange.setAttribute(name, value);
        }

        @Override
        public void setStreams(InputStream in, OutputStream out) {
            exchange.setStreams(in, out);
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return exchange.getPrincipal();
        }
    }
}
