package dev.ticketing.local.aws;

import dev.ticketing.local.startup.StartupProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port 0 means "any free port", for tests that run several stacks side by side. */
public final class FreePort {
    private FreePort() {
    }

    public static int orAny(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails at once, with one line, when something already listens on the loopback port a part of the stack is
     * about to take ({@code flag} is the option that moves it). 0 means "any free port" and always passes.
     */
    public static void requireFree(int port, String what, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw busy(port, what, flag);
        }
    }

    /** The one-line answer to a busy port. */
    public static StartupProblem busy(int port, String what, String flag) {
        return new StartupProblem("port " + port + " (" + what + ") is in use, perhaps by another Ticketing local stack:"
                + " stop that one, or choose another port with " + flag + " N (0: any free port)");
    }
}
