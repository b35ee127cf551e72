package dev.ticketing.local.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's mail service: a real SMTP server (GreenMail) on loopback, which accepts every mail for any
 * address and keeps it in memory. The functions send to it through SMTP exactly as they send through SES in AWS
 * (only the sender adapter differs); {@code GET /dev/mailbox} and {@code /web/mailbox.html} show what arrived.
 * Tests may take it down and bring it back ({@link #stop}, {@link #start}) to see a failing mail service; what
 * arrived before stays listed.
 */
public final class LocalMailServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMailServer.class);
    private final int port;
    private final List<MimeMessage> earlier = new ArrayList<>();
    private GreenMail server;

    private LocalMailServer(int port) {
        this.port = port;
    }

    /** Starts an SMTP server on 127.0.0.1:{@code port}. */
    public static LocalMailServer start(int port) {
        LocalMailServer mail = new LocalMailServer(port);
        mail.start();
        LOG.info("SMTP server (GreenMail) on 127.0.0.1:{}", port);
        return mail;
    }

    public int port() {
        return port;
    }

    /** (Re)starts the server on its port; mails that arrived before stay in {@link #messages}. */
    public synchronized void start() {
        if (server != null && server.isRunning()) {
            return;
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Takes the server down (connections are refused) until {@link #start}; what arrived is kept. */
    public synchronized void stop() {
        if (server != null && server.isRunning()) {
            earlier.addAll(List.of(server.getReceivedMessages()));
            server.stop();
        }
    }

    /** Every mail received, oldest first. */
    public synchronized List<MimeMessage> messages() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (server != null && server.isRunning()) {
            all.addAll(List.of(server.getReceivedMessages()));
        }
        return all;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
        }
    }
}
