package dev.ticketing.local;

import dev.ticketing.local.aws.FreePort;
import dev.ticketing.local.startup.DataFolderLock;
import dev.ticketing.local.testing.LocalProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A start that cannot work ends at once with one line that says what and how to fix it, and a non-zero exit:
 * a busy port, a data folder another stack is using, an unknown or malformed flag. Each start is a separate
 * process, as a person would start it, timed from launch to exit.
 */
class FailFastIT {
    /** JVM start included, on a busy two-core machine. */
    private static final Duration FAST = Duration.ofSeconds(10);

    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource({"--port, HTTP API and web page", "--dynamodb-port, DynamoDB Local", "--sqs-port, 'ElasticMQ, the SQS endpoint'"})
    void aBusyPortIsRefusedInOneLine(String flag, String what) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<String> args = new ArrayList<>(List.of("--in-memory", "--no-demo", "--port", "0", "--dynamodb-port", "0",
                    "--sqs-port", "0"));
            args.set(args.indexOf(flag) + 1, Integer.toString(port));

            Refusal refusal = start(args);

            assertThat(refusal.exitCode).isEqualTo(1);
            assertThat(refusal.line).isEqualTo("ticketing-local: port " + port + " (" + what + ") is in use, perhaps by"
                    + " another Ticketing local stack: stop that one, or choose another port with " + flag + " N (0: any free port)");
            assertThat(refusal.took).isLessThan(FAST);
        }
    }

    @Test
    void aDataFolderInUseByAnotherStackIsRefusedInOneLine() throws Exception {
        try (DataFolderLock held = DataFolderLock.acquire(data)) {
            Refusal refusal = start(List.of("--data-dir", data.toString(), "--no-demo", "--port", "0",
                    "--dynamodb-port", "0", "--sqs-port", "0"));

            assertThat(refusal.exitCode).isEqualTo(1);
            assertThat(refusal.line).isEqualTo("ticketing-local: data folder " + data.toAbsolutePath() + " is in use by"
                    + " another Ticketing local stack (process " + ProcessHandle.current().pid() + "): stop that one,"
                    + " or start this one with another --data-dir or with --in-memory");
            assertThat(refusal.took).isLessThan(FAST);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus x   | unknown option --bogus (run with --help to see the options)",
            "--bogus     | unknown option --bogus (run with --help to see the options)",
            "--port abc  | --port must be a port number (0-65535, 0 for any free port), not 'abc'"})
    void anUnknownOrMalformedFlagIsRefusedInOneLine(String args, String message) throws Exception {
        Refusal refusal = start(List.of(args.trim().split(" +")));

        assertThat(refusal.exitCode).isEqualTo(2);
        assertThat(refusal.line).isEqualTo("ticketing-local: " + message);
        assertThat(refusal.took).isLessThan(FAST);
    }

    @Test
    void theLockIsTheOperatingSystemsSoAStackThatDiedLeavesNoStaleLock() {
        DataFolderLock.acquire(data).close();
        // a process killed with the lock held is covered by CrashRecoveryIT, which restarts on the same folder
        try (DataFolderLock again = DataFolderLock.acquire(data)) {
            assertThat(data.resolve(".lock")).exists();
        }
    }

    private record Refusal(int exitCode, String line, Duration took) {
    }

    private static Refusal start(List<String> args) throws Exception {
        long started = System.nanoTime();
        try (LocalProcess process = LocalProcess.start(args, Map.of())) {
            int exitCode = process.exitCode(Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<String> lines = process.output().stream().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("exactly one line, no stack trace").hasSize(1);
            return new Refusal(exitCode, lines.get(0), took);
        }
    }

    static {
        FreePort.orAny(0); // loads the class before timing anything in this JVM (the child's time is what counts)
    }
}
